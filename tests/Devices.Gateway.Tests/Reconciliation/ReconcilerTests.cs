using System;
using System.Linq;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Security;
using Devices.Gateway.Downlink;
using Devices.Gateway.Reconciliation;
using Devices.Gateway.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Devices.Gateway.Tests.Reconciliation;

public class ReconcilerTests
{
    private static async Task<(MqttGateway Gateway, FakeContentSource Content)> StartAsync()
    {
        var content = new FakeContentSource();
        var gw = await MqttGateway.StartAsync(["--Reconciliation:RetryInitial=00:00:00.200", "--Reconciliation:RetryMax=00:00:00.400"],
            services => services.AddSingleton<IContentSource>(content));
        return (gw, content);
    }

    /// <summary>A gateway with one provisioned tent whose desired content is set, connected over MQTT.</summary>
    private static async Task<Tent> StartWithTentAsync(uint desired, byte[] payload)
    {
        var (gw, content) = await StartAsync();
        try
        {
            var id = gw.Provision("tent-1");
            content.Set(id, desired, payload);
            return new Tent(gw, content, id, await DeviceClient.ConnectAsync(gw.MqttPort, "tent-1", id.MqttPassword));
        }
        catch
        {
            await gw.DisposeAsync();
            throw;
        }
    }

    private sealed record Tent(MqttGateway Gateway, FakeContentSource Content, DeviceIdentity Id, DeviceClient Device) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Device.DisposeAsync();
            await Gateway.DisposeAsync();
        }
    }

    /// <summary>After a settle time for a send already under way, no further content arrives for a few retry periods.</summary>
    private static async Task AssertNoMoreContentAsync(DeviceClient device, int settleMs, int watchMs)
    {
        await Task.Delay(settleMs);
        int before = device.Count(TopicKind.Content);
        await Task.Delay(watchMs);
        Assert.Equal(before, device.Count(TopicKind.Content));
    }

    private static uint Verify(DeviceIdentity device, byte[] envelope, uint applied)
    {
        // The device's own check: this is what a real tent would do with the bytes it received.
        var verifier = new ContentVerifier(device.Id, device.ContentKey, ContentKind.Tent, ContentVerifier.TentMaxPayloadBytes);
        var result = verifier.Check(envelope, 0, envelope.Length, applied, out var decoded, out string detail);
        Assert.True(result == AckResult.Applied, detail);
        return decoded.ContentVersion;
    }

    [Fact]
    public async Task Hello_with_an_older_version_gets_welcome_then_the_signed_content()
    {
        await using var tent = await StartWithTentAsync(3, "payload"u8.ToArray());
        var (gw, content, id, device) = tent;

        await device.HelloAsync(applied: 0);

        var welcome = await device.NextAsync(TopicKind.Welcome);
        Assert.True(WelcomeMessage.TryDecode(welcome, 0, welcome.Length, out var w).Ok);
        Assert.Equal(3u, w.DesiredContentVersion);
        Assert.Equal(3u, Verify(id, await device.NextAsync(TopicKind.Content), applied: 0));
    }

    [Fact]
    public async Task Content_is_resent_until_acknowledged_then_stops()
    {
        await using var tent = await StartWithTentAsync(5, "v5"u8.ToArray());
        var (gw, content, id, device) = tent;

        await device.HelloAsync(applied: 4);
        await device.NextAsync(TopicKind.Content);
        // No ack: the gateway must send it again (waits 0.2 s, then 0.4 s).
        Assert.Equal(5u, Verify(id, await device.NextAsync(TopicKind.Content, 3000), applied: 4));
        Assert.Equal(5u, Verify(id, await device.NextAsync(TopicKind.Content, 3000), applied: 4));

        await device.AckAsync(5, AckResult.Applied, 5);
        var reconciler = gw.Service<Reconciler>();
        await Poll.UntilAsync(() => reconciler.GetStateAsync("tent-1", default).Result.InSync, "in sync after the ack");
        await AssertNoMoreContentAsync(device, settleMs: 300, watchMs: 1500);
        var state = await reconciler.GetStateAsync("tent-1", default);
        Assert.Equal((5u, 5u, true), (state.DesiredVersion, state.AppliedVersion, state.InSync));
    }

    [Fact]
    public async Task A_permanent_rejection_records_the_reason_and_stops_resending()
    {
        await using var tent = await StartWithTentAsync(2, "v2"u8.ToArray());
        var (gw, content, id, device) = tent;

        await device.HelloAsync(applied: 1);
        await device.NextAsync(TopicKind.Content);
        await device.AckAsync(2, AckResult.BadSignature, 1, "tag mismatch");
        var reconciler = gw.Service<Reconciler>();
        await Poll.UntilAsync(() => reconciler.GetStateAsync("tent-1", default).Result.Rejected != null, "rejection recorded");
        await AssertNoMoreContentAsync(device, settleMs: 200, watchMs: 1200);

        var state = await reconciler.GetStateAsync("tent-1", default);
        Assert.False(state.InSync);
        Assert.Equal(("BadSignature", "tag mismatch", 2u), (state.Rejected!.Result, state.Rejected.Detail, state.Rejected.Version));

        // New content clears the rejection and is sent at once.
        content.Set(id, 3, "v3"u8.ToArray());
        await reconciler.DesiredChangedAsync("tent-1", default);
        Assert.Equal(3u, Verify(id, await device.NextAsync(TopicKind.Content), applied: 1));
    }

    [Fact]
    public async Task A_transient_failure_is_retried()
    {
        await using var tent = await StartWithTentAsync(2, "v2"u8.ToArray());
        var (gw, content, id, device) = tent;
        await device.HelloAsync(applied: 1);
        await device.NextAsync(TopicKind.Content);

        await device.AckAsync(2, AckResult.StorageFailed, 1, "flash full");

        Assert.Equal(2u, Verify(id, await device.NextAsync(TopicKind.Content), applied: 1));
        var status = gw.Service<Devices.Gateway.Registry.DeviceStatusStore>().Get("tent-1");
        Assert.Equal("StorageFailed", status.LastAck!.Result);
    }

    [Fact]
    public async Task Device_status_api_shows_desired_and_applied()
    {
        await using var tent = await StartWithTentAsync(9, "v9"u8.ToArray());
        var (gw, content, id, device) = tent;
        await device.HelloAsync(applied: 8);
        await device.NextAsync(TopicKind.Content);
        await device.AckAsync(9, AckResult.Applied, 9);
        await Poll.UntilAsync(() => gw.Service<Reconciler>().GetStateAsync("tent-1", default).Result.InSync, "in sync");

        using var doc = System.Text.Json.JsonDocument.Parse(await gw.Api.GetStringAsync("/api/devices/tent-1/status"));
        var c = doc.RootElement.GetProperty("content");
        Assert.Equal(9, c.GetProperty("desiredVersion").GetInt32());
        Assert.Equal(9, c.GetProperty("appliedVersion").GetInt32());
        Assert.True(c.GetProperty("inSync").GetBoolean());
        var s = doc.RootElement.GetProperty("status");
        Assert.True(s.GetProperty("online").GetBoolean());
        Assert.Equal("Applied", s.GetProperty("lastAck").GetProperty("result").GetString());
    }
}

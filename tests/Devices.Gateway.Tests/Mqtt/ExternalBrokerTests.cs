using Devices.TestSupport;
using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Mqtt;
using Devices.Gateway.Outbox;
using Devices.Gateway.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Formatter;

namespace Devices.Gateway.Tests.Mqtt;

/// <summary>The gateway as a client of a real Mosquitto (Mqtt:Mode = External).</summary>
public class ExternalBrokerTests
{
    private static string[] ExternalArgs(int port, string clientId = "gw-test") =>
    [
        "--Mqtt:Mode=External",
        "--Mqtt:External:Host=127.0.0.1",
        "--Mqtt:External:Port=" + port,
        "--Mqtt:External:UserName=" + MosquittoProcess.GatewayUser,
        "--Mqtt:External:Password=" + MosquittoProcess.GatewayPassword,
        "--Mqtt:External:ClientId=" + clientId,
        "--Mqtt:External:ReconnectMinSeconds=0.1",
        "--Mqtt:External:ReconnectMaxSeconds=0.5",
    ];

    [Fact]
    public async Task Scans_hello_and_welcome_flow_through_mosquitto()
    {
        int port = FreePort.Next();
        await using var gw = await MqttGateway.StartAsync(ExternalArgs(port));
        var id = gw.Provision("tent-1");
        using var broker = new MosquittoProcess(port, [("tent-1", id.MqttPassword)]);
        var external = gw.Service<ExternalBroker>();
        await Poll.UntilAsync(() => external.IsReady, "the gateway connected to mosquitto (its reconnect loop)");

        await using var device = await DeviceClient.ConnectAsync(port, "tent-1", id.MqttPassword, version: MqttProtocolVersion.V311);
        for (uint seq = 1; seq <= 5; seq++) await device.ScanAsync(seq, $"code-{seq}");
        await device.ScanAsync(3, "code-3"); // a replay
        await Poll.UntilAsync(() => gw.OutboxRows().Count == 5, "five scans in the outbox");
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, gw.OutboxRows().Select(r => r.Seq).ToArray());

        await device.HelloAsync(applied: 0);
        var welcome = await device.NextAsync(TopicKind.Welcome);
        Assert.True(WelcomeMessage.TryDecode(welcome, 0, welcome.Length, out var w).Ok);
        Assert.InRange((long)w.UnixTime, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
    }

    [Fact]
    public async Task A_message_never_acknowledged_is_redelivered_to_the_restarted_gateway()
    {
        int port = FreePort.Next();
        var stuck = new NeverCommittingOutbox();
        var gw = await MqttGateway.StartAsync(ExternalArgs(port), services => services.AddSingleton<IScanOutbox>(stuck));
        var id = gw.Provision("tent-1");
        using var broker = new MosquittoProcess(port, [("tent-1", id.MqttPassword)]);
        await Poll.UntilAsync(() => gw.Service<ExternalBroker>().IsReady, "first gateway connected");

        await using var device = await DeviceClient.ConnectAsync(port, "tent-1", id.MqttPassword, version: MqttProtocolVersion.V311);
        await device.ScanAsync(42, "in-flight");
        await Poll.UntilAsync(() => stuck.Seen.Contains(("tent-1", 42L)), "the first gateway received the scan (and cannot commit it)");

        await gw.StopAsync(); // mid-flow: the scan was received but never acknowledged
        Assert.Empty(gw.OutboxRows());

        await using var second = await gw.RestartAsync(); // same client id, same data folder, real outbox
        await Poll.UntilAsync(() => second.OutboxRows().Any(r => r.Seq == 42), "mosquitto redelivered the unacknowledged scan");
        Assert.Equal("in-flight", System.Text.Encoding.UTF8.GetString(second.OutboxRows().Single().Data));
    }

    [Fact]
    public async Task The_gateway_reconnects_after_a_broker_restart()
    {
        int port = FreePort.Next();
        await using var gw = await MqttGateway.StartAsync(ExternalArgs(port));
        var id = gw.Provision("tent-1");
        using var broker = new MosquittoProcess(port, [("tent-1", id.MqttPassword)]);
        var external = gw.Service<ExternalBroker>();
        await Poll.UntilAsync(() => external.IsReady, "connected");

        broker.Stop();
        await Poll.UntilAsync(() => !external.IsReady, "noticed the broker is gone");
        broker.Start();
        await Poll.UntilAsync(() => external.IsReady, "reconnected and subscribed again");

        await using var device = await DeviceClient.ConnectAsync(port, "tent-1", id.MqttPassword, version: MqttProtocolVersion.V311);
        await device.ScanAsync(1, "after restart");
        await Poll.UntilAsync(() => gw.OutboxRows().Count == 1, "scan stored after the reconnect");
    }

    [Fact]
    public async Task Two_gateways_with_a_shared_subscription_split_the_uplinks_and_store_each_scan_once()
    {
        int port = FreePort.Next();
        await using var first = await MqttGateway.StartAsync([.. ExternalArgs(port, "gw-a"), "--Mqtt:External:SharedSubscriptions=true"]);
        var id = first.Provision("tent-1");
        // The second gateway has its own database here; it must know the device (uplinks of unknown ids are
        // dropped). The device logs in to Mosquitto, so which secret the second gateway holds does not matter.
        await using var second = await MqttGateway.StartAsync([.. ExternalArgs(port, "gw-b"), "--Mqtt:External:SharedSubscriptions=true"]);
        second.Provision("tent-1");
        using var broker = new MosquittoProcess(port, [("tent-1", id.MqttPassword)]);
        await Poll.UntilAsync(() => first.Service<ExternalBroker>().IsReady && second.Service<ExternalBroker>().IsReady, "both gateways subscribed");

        await using var device = await DeviceClient.ConnectAsync(port, "tent-1", id.MqttPassword, subscribe: false, version: MqttProtocolVersion.V311);
        for (uint seq = 1; seq <= 40; seq++) await device.ScanAsync(seq, $"code-{seq}");

        await Poll.UntilAsync(() => first.OutboxRows().Count + second.OutboxRows().Count == 40, "40 scans stored across both gateways");
        var all = first.OutboxRows().Concat(second.OutboxRows()).Select(r => r.Seq).OrderBy(s => s).ToArray();
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), all);       // each scan once
        Assert.NotEmpty(first.OutboxRows());                                    // and both took a share
        Assert.NotEmpty(second.OutboxRows());
    }

    /// <summary>An outbox whose commit never completes: the gateway must not acknowledge what it could not store.</summary>
    private sealed class NeverCommittingOutbox : IScanOutbox
    {
        public ConcurrentBag<(string, long)> Seen { get; } = new();

        public Task<OutboxAppendResult> AppendAsync(ScanEnvelope scan, CancellationToken cancellationToken)
        {
            Seen.Add((scan.DeviceId, scan.Seq));
            return new TaskCompletionSource<OutboxAppendResult>().Task;
        }
    }
}

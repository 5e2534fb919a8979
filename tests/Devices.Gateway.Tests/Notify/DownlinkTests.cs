using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Security;
using Devices.Gateway.Tests.Api;
using Devices.Gateway.Tests.Content;
using Devices.Gateway.Tests.Fixtures;

namespace Devices.Gateway.Tests.Notify;

/// <summary>What reaches a device over the embedded broker: notifications and new content, at once.</summary>
public class DownlinkTests
{
    [Fact]
    public async Task Notify_reaches_the_device_as_a_core_notify_message()
    {
        await using var gw = await ApiGateway.StartAsync();
        var identity = await ContentApi.ProvisionAsync(gw, "label-n", "label");
        await using var device = await DeviceClient.ConnectAsync(gw.MqttPort, "label-n", identity.MqttPassword);

        using var response = await gw.Client.PostAsJsonAsync("/api/devices/label-n/notify",
            new JsonObject { ["text"] = "Find me", ["seconds"] = 8, ["led"] = "fastBlink", ["ledCount"] = 10 });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var payload = await device.NextAsync(TopicKind.Notify);
        Assert.True(NotifyMessage.TryDecode(payload, 0, payload.Length, out var message).Ok);
        Assert.Equal("Find me", message.Text);
        Assert.Equal(8u, message.DisplaySeconds);
        Assert.Equal(LedPattern.FastBlink, message.Led);
        Assert.Equal(10u, message.LedCount);

        using var bad = await gw.Client.PostAsJsonAsync("/api/devices/label-n/notify", new JsonObject { ["led"] = "disco" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await ContentApi.ReadJsonAsync(bad))["errors"]!["led"]);
        using var unknown = await gw.Client.PostAsJsonAsync("/api/devices/nobody/notify", new JsonObject { ["text"] = "x" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task New_content_is_pushed_to_an_online_device_and_verifies()
    {
        await using var gw = await ApiGateway.StartAsync();
        var identity = await ContentApi.ProvisionAsync(gw, "label-c", "label");
        await using var device = await DeviceClient.ConnectAsync(gw.MqttPort, "label-c", identity.MqttPassword);
        await device.HelloAsync(0);
        await Poll.UntilAsync(() => gw.Service<global::Devices.Gateway.Registry.DeviceStatusStore>().Get("label-c").Online, "device online");

        await ContentApi.PutOkAsync(gw, "label-c", ContentApi.Label("Butter", "1.89"));
        var payload = await device.NextAsync(TopicKind.Content);
        // The device's own check: signature under its content key, kind, size.
        var verifier = new ContentVerifier("label-c", identity.ContentKey, ContentKind.Label, ContentVerifier.LabelMaxPayloadBytes);
        Assert.Equal(AckResult.Applied, verifier.Check(payload, 0, payload.Length, 0, out var envelope, out var detail));
        Assert.Equal(1u, envelope.ContentVersion);
        Assert.True(LabelContentCodec.TryDecode(envelope.Payload, 0, envelope.Payload.Length, out var label).Ok);
        Assert.Equal("Butter", label.Name);
    }
}

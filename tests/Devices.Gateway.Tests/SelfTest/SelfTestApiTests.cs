using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Mqtt;
using Devices.Gateway.Registry;
using Devices.Gateway.Tests.Api;
using Devices.Gateway.Tests.Content;
using Devices.Gateway.Tests.Fixtures;

namespace Devices.Gateway.Tests.SelfTest;

/// <summary>dev/{id}/selftest reports kept by the gateway and served as docs/cli-hardware.md says.</summary>
public class SelfTestApiTests
{
    // The shape Devices.Cli/SelfTest/GatewayReport parses (web defaults: camelCase, case-insensitive).
    private sealed record CliWire(string? DeviceId, long UnixTime, List<CliCheck>? Checks);
    private sealed record CliCheck(string? Name, bool Passed, string? Detail);

    [Fact]
    public async Task A_published_report_is_served_in_the_cli_contract_shape()
    {
        await using var gw = await ApiGateway.StartAsync();
        var identity = await ContentApi.ProvisionAsync(gw, "tent-st", "tent");
        await using var device = await DeviceClient.ConnectAsync(gw.MqttPort, "tent-st", identity.MqttPassword);

        using (var none = await gw.Client.GetAsync("/api/devices/tent-st/selftest"))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
            Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        }

        var report = new SelfTestReport
        {
            UnixTime = 1700000000,
            Checks = new[] { new SelfTestCheck("mqtt", true, "PUBACK after 40 ms"), new SelfTestCheck("scanner", false, "no reply") },
        };
        await device.PublishAsync(TopicKind.SelfTest, report.Encode());
        var store = gw.Service<SelfTestStore>();
        await Poll.UntilAsync(() => store.Latest("tent-st") != null, "report stored");

        var text = await gw.Client.GetStringAsync("/api/devices/tent-st/selftest");
        var json = JsonNode.Parse(text)!;
        Assert.Equal("tent-st", json["deviceId"]!.GetValue<string>());
        Assert.Equal(1700000000L, json["unixTime"]!.GetValue<long>());
        Assert.Equal("mqtt", json["checks"]![0]!["name"]!.GetValue<string>());
        Assert.True(json["checks"]![0]!["passed"]!.GetValue<bool>());
        Assert.Equal("PUBACK after 40 ms", json["checks"]![0]!["detail"]!.GetValue<string>());
        Assert.False(json["checks"]![1]!["passed"]!.GetValue<bool>());

        var wire = JsonSerializer.Deserialize<CliWire>(text, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal("tent-st", wire.DeviceId);
        Assert.Equal(2, wire.Checks!.Count);
        Assert.Equal(new CliCheck("scanner", false, "no reply"), wire.Checks[1]);

        // A newer report replaces the old one.
        report.UnixTime = 1700000100;
        report.Checks = new[] { new SelfTestCheck("clock", true, "ok") };
        await device.PublishAsync(TopicKind.SelfTest, report.Encode());
        await Poll.UntilAsync(() => store.Latest("tent-st")?.UnixTime == 1700000100, "report replaced");
        Assert.Equal(1700000100L, JsonNode.Parse(await gw.Client.GetStringAsync("/api/devices/tent-st/selftest"))!["unixTime"]!.GetValue<long>());
    }

    [Fact]
    public async Task Unknown_device_is_404_and_a_malformed_report_is_counted_and_not_stored()
    {
        await using var gw = await ApiGateway.StartAsync();
        using (var unknown = await gw.Client.GetAsync("/api/devices/nobody/selftest"))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var identity = await ContentApi.ProvisionAsync(gw, "tent-bad", "tent");
        await using var device = await DeviceClient.ConnectAsync(gw.MqttPort, "tent-bad", identity.MqttPassword);
        var metrics = gw.Service<MqttMetrics>();
        long before = metrics.Malformed;
        await device.PublishAsync(TopicKind.SelfTest, new byte[] { 1, 0x80 }); // truncated varint (unix time)
        await Poll.UntilAsync(() => metrics.Malformed == before + 1, "malformed counted");
        using var none = await gw.Client.GetAsync("/api/devices/tent-bad/selftest");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task Post_asks_the_device_on_its_cmd_topic_and_answers_202()
    {
        await using var gw = await ApiGateway.StartAsync();
        var identity = await ContentApi.ProvisionAsync(gw, "label-st", "label");
        await using var device = await DeviceClient.ConnectAsync(gw.MqttPort, "label-st", identity.MqttPassword);

        using var response = await gw.Client.PostAsync("/api/devices/label-st/selftest", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var payload = await device.NextAsync(TopicKind.SelfTestRequest);
        Assert.Equal(new byte[] { 1 }, payload); // docs/protocol.md: one byte, the format version
        Assert.True(SelfTestRequest.TryDecode(payload, 0, payload.Length, out _).Ok);

        using var unknown = await gw.Client.PostAsync("/api/devices/nobody/selftest", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var anonymous = new HttpClient { BaseAddress = gw.Address };
        using var refused = await anonymous.PostAsync("/api/devices/label-st/selftest", null);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}

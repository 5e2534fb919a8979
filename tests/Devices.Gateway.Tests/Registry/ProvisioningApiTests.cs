using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Devices.Firmware.Core.Security;
using Devices.Gateway.Tests.Fixtures;
using MQTTnet;

namespace Devices.Gateway.Tests.Registry;

public class ProvisioningApiTests
{
    [Fact]
    public async Task Provisioning_returns_the_secret_once_and_the_device_can_log_in_with_it()
    {
        await using var gw = await MqttGateway.StartAsync();
        using var response = await gw.Api.PostAsJsonAsync("/api/devices", new { id = "tent-12", kind = "tent", panel = "4.2", name = "Table 12" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        string secretHex = body.RootElement.GetProperty("secret").GetString()!;
        var mqtt = body.RootElement.GetProperty("mqtt");
        Assert.Equal(64, secretHex.Length);

        // The MQTT password is the Core's derivation from the secret (checked against Python vectors in the Core tests).
        var identity = new DeviceIdentity("tent-12", Convert.FromHexString(secretHex));
        Assert.Equal(identity.MqttPassword, mqtt.GetProperty("password").GetString());
        Assert.Equal("tent-12", mqtt.GetProperty("userName").GetString());
        Assert.Equal(gw.MqttPort, mqtt.GetProperty("port").GetInt32());
        await using var device = new DeviceClient("tent-12");
        Assert.Equal(MqttClientConnectResultCode.Success, (await device.TryConnectAsync(gw.MqttPort, identity.MqttPassword)).ResultCode);

        // Never again: not in get, list or a second provisioning.
        string one = await gw.Api.GetStringAsync("/api/devices/tent-12");
        string all = await gw.Api.GetStringAsync("/api/devices");
        using var again = await gw.Api.PostAsJsonAsync("/api/devices", new { id = "tent-12", kind = "tent" });
        string againText = await again.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        foreach (var text in new[] { one, all, againText })
        {
            Assert.DoesNotContain(secretHex, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(identity.MqttPassword, text);
        }
        using var got = JsonDocument.Parse(one);
        Assert.Equal("Table 12", got.RootElement.GetProperty("name").GetString());
        Assert.Equal("4.2", got.RootElement.GetProperty("panel").GetString());
        Assert.Equal("tent", got.RootElement.GetProperty("kind").GetString());
        Assert.False(got.RootElement.GetProperty("status").GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task Devices_survive_a_restart_with_the_same_secret()
    {
        await using var gw = await MqttGateway.StartAsync();
        var id = gw.Provision("label-3", "label");
        await gw.StopAsync();
        await using var second = await gw.RestartAsync();
        await using var device = new DeviceClient("label-3");
        Assert.Equal(MqttClientConnectResultCode.Success, (await device.TryConnectAsync(second.MqttPort, id.MqttPassword)).ResultCode);
    }

    [Fact]
    public async Task A_generated_id_is_valid_and_unique()
    {
        await using var gw = await MqttGateway.StartAsync();
        using var r1 = await gw.Api.PostAsJsonAsync("/api/devices", new { kind = "label" });
        using var r2 = await gw.Api.PostAsJsonAsync("/api/devices", new { kind = "label" });
        string id1 = JsonDocument.Parse(await r1.Content.ReadAsStringAsync()).RootElement.GetProperty("device").GetProperty("id").GetString()!;
        string id2 = JsonDocument.Parse(await r2.Content.ReadAsStringAsync()).RootElement.GetProperty("device").GetProperty("id").GetString()!;
        Assert.Matches("^label-[a-z0-9]{6}$", id1);
        Assert.NotEqual(id1, id2);
    }

    [Theory]
    [InlineData("{\"kind\":\"lamp\"}", "\"kind\" must be \"tent\" or \"label\"")]
    [InlineData("{\"kind\":\"tent\",\"id\":\"Tent_1\"}", "is invalid: use 1 to 32 characters")]
    [InlineData("{\"kind\":\"tent\",\"panel\":\"7.5\"}", "\"panel\" must be")]
    public async Task Bad_bodies_are_400_with_one_clear_sentence(string json, string expected)
    {
        await using var gw = await MqttGateway.StartAsync();
        using var response = await gw.Api.PostAsync("/api/devices", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, body.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Unknown_device_is_404_and_no_key_is_401()
    {
        await using var gw = await MqttGateway.StartAsync();
        using var missing = await gw.Api.GetAsync("/api/devices/nobody");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var anonymous = new HttpClient { BaseAddress = gw.Api.BaseAddress };
        using var refused = await anonymous.GetAsync("/api/devices");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}

using System;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Devices.Firmware.Core.RotatingCodes;
using Devices.Firmware.Core.Security;
using Devices.Gateway.Tests.Api;
using Devices.Gateway.Tests.Content;

namespace Devices.Gateway.Tests.Verify;

public class VerifyTests
{
    private const string Template = "https://m.example.com/t?d={device}&c={token}";

    private static async Task<DeviceIdentity> TentAsync(ApiGateway gw)
    {
        var identity = await ContentApi.ProvisionAsync(gw, "tent-v", "tent");
        await ContentApi.PutOkAsync(gw, "tent-v", new JsonObject
        {
            ["tent"] = new JsonObject { ["tableName"] = "Table 7", ["linkTemplate"] = Template, ["rotationSeconds"] = 60 },
        });
        return identity;
    }

    private static async Task<JsonNode> VerifyAsync(ApiGateway gw, string link, DateTimeOffset? scannedAt = null)
    {
        var body = new JsonObject { ["link"] = link };
        if (scannedAt is { } t) body["scannedAt"] = t.ToString("O");
        using var response = await gw.Client.PostAsJsonAsync("/api/codes/verify", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ContentApi.ReadJsonAsync(response);
    }

    [Fact]
    public async Task Fresh_link_is_valid_with_device_table_and_age()
    {
        await using var gw = await ApiGateway.StartAsync();
        var identity = await TentAsync(gw);
        var now = DateTimeOffset.UtcNow;
        // The link a tent shows now, made with the Core from the key derived from the provisioning secret.
        var code = new RotatingCode("tent-v", identity.CodeKey, 60);
        uint counter = code.CounterAt((uint)now.ToUnixTimeSeconds());
        var result = await VerifyAsync(gw, code.Link(Template, counter), now);
        Assert.True(result["valid"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Equal("tent-v", result["deviceId"]!.GetValue<string>());
        Assert.Equal("Table 7", result["tableName"]!.GetValue<string>());
        Assert.Equal(now.ToUnixTimeSeconds() - counter * 60L, result["ageSeconds"]!.GetValue<long>());
    }

    [Fact]
    public async Task Old_forged_and_foreign_links_are_refused_with_the_reason()
    {
        await using var gw = await ApiGateway.StartAsync();
        var identity = await TentAsync(gw);
        var now = DateTimeOffset.UtcNow;
        var code = new RotatingCode("tent-v", identity.CodeKey, 60);
        uint counter = code.CounterAt((uint)now.ToUnixTimeSeconds());

        var old = await VerifyAsync(gw, code.Link(Template, counter - 10), now);
        Assert.False(old["valid"]!.GetValue<bool>());
        Assert.Equal("tooOld", old["outcome"]!.GetValue<string>());
        Assert.True(old["ageSeconds"]!.GetValue<long>() >= 600);

        // Same shape, a key the gateway never issued.
        var forger = new RotatingCode("tent-v", new byte[32], 60);
        var forged = await VerifyAsync(gw, forger.Link(Template, counter), now);
        Assert.Equal("forged", forged["outcome"]!.GetValue<string>());
        Assert.False(forged["valid"]!.GetValue<bool>());

        var other = await VerifyAsync(gw, "https://evil.example.com/x");
        Assert.Equal("malformed", other["outcome"]!.GetValue<string>());

        var unknown = await VerifyAsync(gw, code.Link(Template, counter).Replace("d=tent-v", "d=tent-x"), now);
        Assert.Equal("unknownDevice", unknown["outcome"]!.GetValue<string>());
    }
}

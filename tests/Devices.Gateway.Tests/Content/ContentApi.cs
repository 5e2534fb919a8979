using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Security;
using Devices.Gateway.Tests.Api;

namespace Devices.Gateway.Tests.Content;

/// <summary>Test steps over the real HTTP API: provision a device, put content, read back and decode the signed envelope.</summary>
public static class ContentApi
{
    /// <summary>Provisions through POST /api/devices and returns the identity built from the secret it hands out once.</summary>
    public static async Task<DeviceIdentity> ProvisionAsync(ApiGateway gw, string id, string kind, string panel = "2.9", string? sku = null, string name = "")
    {
        var body = new JsonObject { ["id"] = id, ["kind"] = kind, ["panel"] = panel, ["name"] = name };
        if (sku is not null) body["sku"] = sku;
        using var response = await gw.Client.PostAsJsonAsync("/api/devices", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, "provisioning failed: " + text);
        var secretHex = JsonNode.Parse(text)!["secret"]!.GetValue<string>();
        return new DeviceIdentity(id, Convert.FromHexString(secretHex));
    }

    public static async Task<HttpResponseMessage> PutAsync(ApiGateway gw, string id, JsonObject body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/devices/" + id + "/content")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await gw.Client.SendAsync(request);
    }

    public static async Task<JsonNode> PutOkAsync(ApiGateway gw, string id, JsonObject body, string? ifMatch = null)
    {
        using var response = await PutAsync(gw, id, body, ifMatch);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, "PUT content: " + (int)response.StatusCode + " " + text);
        return JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>The device's signed envelope from the store, checked with the Core verifier under the key derived from the secret.</summary>
    public static LabelContent DecodeLabel(ApiGateway gw, DeviceIdentity identity, out uint version)
    {
        var envelope = Envelope(gw, identity, ContentKind.Label, ContentVerifier.LabelMaxPayloadBytes, out version);
        Assert.True(LabelContentCodec.TryDecode(envelope.Payload, 0, envelope.Payload.Length, out var label).Ok);
        return label;
    }

    public static ContentEnvelope Envelope(ApiGateway gw, DeviceIdentity identity, ContentKind kind, int maxPayload, out uint version)
    {
        var stored = gw.Service<global::Devices.Gateway.Content.ContentStore>().Get(identity.Id);
        Assert.NotNull(stored);
        var verifier = new ContentVerifier(identity.Id, identity.ContentKey, kind, maxPayload);
        var result = verifier.Check(stored!.Envelope, 0, stored.Envelope.Length, 0, out var envelope, out var detail);
        Assert.True(result == AckResult.Applied, "envelope does not verify: " + detail);
        version = envelope.ContentVersion;
        return envelope;
    }

    public static JsonObject Label(string name, string price, string? codeData = null) => new()
    {
        ["label"] = new JsonObject
        {
            ["name"] = name, ["price"] = price, ["currency"] = "€", ["currencyAfter"] = true, ["decimalMark"] = ",",
            ["codeKind"] = codeData is null ? "none" : "qr", ["codeData"] = codeData ?? "",
        },
    };
}

using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Security;

namespace Devices.Cli.Provision;

/// <summary>
/// Registers a device with the gateway, which creates and keeps its secret. Contract (docs/cli-hardware.md):
/// POST {gateway}/api/devices, header X-Api-Key, body {"id","kind","board"}; 201 Created with
/// {"id","secret"} where secret is the base64 of 32 bytes. 409 = the id exists, 401/403 = key refused,
/// 400 = problem details whose "detail" says what is wrong.
/// </summary>
public static class GatewayRegistration
{
    public const string ApiKeyHeader = "X-Api-Key";

    private sealed record Request(string Id, string Kind, string Board);
    private sealed record Response(string? Id, string? Secret);
    private sealed record Problem(string? Title, string? Detail);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static ProvisionedDevice Register(HttpClient http, Uri gateway, string apiKey, string id, string kind, string board, CancellationToken ct = default)
    {
        var url = new Uri(gateway, "api/devices");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new Request(id, kind, board), options: Json) };
        request.Headers.Add(ApiKeyHeader, apiKey);
        HttpResponseMessage response;
        try
        {
            response = http.Send(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new UserError($"Cannot reach the gateway at {gateway}: {e.Message}");
        }
        catch (TaskCanceledException)
        {
            throw new UserError($"The gateway at {gateway} did not answer in time.");
        }
        using (response)
        {
            var body = response.Content.ReadAsStringAsync(ct).GetAwaiter().GetResult();
            switch (response.StatusCode)
            {
                case HttpStatusCode.Created:
                case HttpStatusCode.OK:
                    return Parse(body, id, kind, board);
                case HttpStatusCode.Conflict:
                    throw new UserError($"The gateway already has a device '{id}'. Choose another id, or delete it on the gateway first.");
                case HttpStatusCode.Unauthorized:
                case HttpStatusCode.Forbidden:
                    throw new UserError($"The gateway refused the API key ({(int)response.StatusCode}).");
                default:
                    throw new UserError($"The gateway answered {(int)response.StatusCode} {response.ReasonPhrase}: {ProblemText(body)}");
            }
        }
    }

    private static ProvisionedDevice Parse(string body, string id, string kind, string board)
    {
        Response? r;
        try { r = JsonSerializer.Deserialize<Response>(body, Json); }
        catch (JsonException) { r = null; }
        if (r?.Secret == null) throw new UserError("The gateway's answer has no secret; is the URL the gateway's?");
        if (r.Id != id) throw new UserError($"The gateway answered for device '{r.Id}', not '{id}'.");
        byte[] secret;
        try { secret = Convert.FromBase64String(r.Secret); }
        catch (FormatException) { throw new UserError("The gateway's secret is not base64."); }
        if (secret.Length != DeviceIdentity.SecretBytes) throw new UserError($"The gateway's secret is {secret.Length} bytes; a device secret is {DeviceIdentity.SecretBytes}.");
        return new ProvisionedDevice(id, kind, board, secret);
    }

    private static string ProblemText(string body)
    {
        try
        {
            var p = JsonSerializer.Deserialize<Problem>(body, Json);
            if (p?.Detail != null) return p.Detail;
            if (p?.Title != null) return p.Title;
        }
        catch (JsonException) { }
        return body.Length > 200 ? body[..200] : body;
    }
}

using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;

namespace Devices.Cli.SelfTest;

/// <summary>
/// A device's latest self-test as the gateway stored it from dev/{id}/selftest. Contract (docs/cli-hardware.md):
/// GET {gateway}/api/devices/{id}/selftest with X-Api-Key → 200 {"deviceId","unixTime","checks":[{"name","passed","detail"}]},
/// 404 when the device or its report is unknown. POST to the same URL asks the device to run one (202 Accepted).
/// </summary>
public static class GatewayReport
{
    public sealed record Report(string DeviceId, long UnixTime, List<SelfTestLine> Checks);

    private sealed record Wire(string? DeviceId, long UnixTime, List<WireCheck>? Checks);
    private sealed record WireCheck(string? Name, bool Passed, string? Detail);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Report? Fetch(HttpClient http, Uri gateway, string apiKey, string deviceId)
    {
        using var response = Send(http, HttpMethod.Get, gateway, apiKey, deviceId);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        Check(response, gateway);
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Wire? w;
        try { w = JsonSerializer.Deserialize<Wire>(body, Json); }
        catch (JsonException e) { throw new UserError($"The gateway's self-test report is not valid JSON: {e.Message}"); }
        if (w?.Checks == null || w.DeviceId != deviceId) throw new UserError("The gateway's self-test report lacks deviceId or checks.");
        var checks = w.Checks.ConvertAll(c => new SelfTestLine(c.Name ?? "?", c.Passed, c.Detail ?? ""));
        return new Report(w.DeviceId, w.UnixTime, checks);
    }

    public static void Request(HttpClient http, Uri gateway, string apiKey, string deviceId)
    {
        using var response = Send(http, HttpMethod.Post, gateway, apiKey, deviceId);
        if (response.StatusCode == HttpStatusCode.NotFound) throw new UserError($"The gateway does not know device '{deviceId}'.");
        Check(response, gateway);
    }

    /// <summary>Asks for a new self-test and waits for a report newer than the one before.</summary>
    public static Report? RequestAndWait(HttpClient http, Uri gateway, string apiKey, string deviceId, TimeSpan timeout, TimeSpan poll)
    {
        var before = Fetch(http, gateway, apiKey, deviceId);
        Request(http, gateway, apiKey, deviceId);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            Thread.Sleep(poll);
            var now = Fetch(http, gateway, apiKey, deviceId);
            if (now != null && (before == null || now.UnixTime > before.UnixTime)) return now;
        }
        return null;
    }

    private static HttpResponseMessage Send(HttpClient http, HttpMethod method, Uri gateway, string apiKey, string deviceId)
    {
        var request = new HttpRequestMessage(method, new Uri(gateway, $"api/devices/{Uri.EscapeDataString(deviceId)}/selftest"));
        request.Headers.Add(Provision.GatewayRegistration.ApiKeyHeader, apiKey);
        try { return http.Send(request); }
        catch (HttpRequestException e) { throw new UserError($"Cannot reach the gateway at {gateway}: {e.Message}"); }
        catch (System.Threading.Tasks.TaskCanceledException) { throw new UserError($"The gateway at {gateway} did not answer in time."); }
    }

    private static void Check(HttpResponseMessage response, Uri gateway)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) throw new UserError($"The gateway refused the API key ({(int)response.StatusCode}).");
        if (!response.IsSuccessStatusCode) throw new UserError($"The gateway at {gateway} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
    }
}

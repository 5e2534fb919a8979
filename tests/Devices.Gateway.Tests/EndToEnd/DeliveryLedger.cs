using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Devices.Gateway.Tests.Relay;

namespace Devices.Gateway.Tests.EndToEnd;

/// <summary>One scan as the backend read it from a webhook body, with the request's webhook-id.</summary>
internal sealed record DeliveredScan(string WebhookId, string DeviceId, long Seq, string Data, DateTimeOffset At);

/// <summary>
/// What the backend can check on its own about the webhooks it received: the body parsed here with
/// System.Text.Json (not the gateway's reader), the Standard Webhooks signature checked with our own HMAC, and the
/// exactly-once rules: a scan (device, seq) is only ever sent under one webhook-id, and a webhook-id always names
/// the same scans.
/// </summary>
internal static class DeliveryLedger
{
    /// <summary>The scans in one request body ("type": "scan" or "scan.batch" with "events"), in body order.</summary>
    public static List<DeliveredScan> Parse(WebhookReceiver.Received request)
    {
        using var doc = JsonDocument.Parse(request.Body);
        var root = doc.RootElement;
        string type = root.GetProperty("type").GetString() ?? "";
        var events = type switch
        {
            "scan" => new List<JsonElement> { root },
            "scan.batch" => root.GetProperty("events").EnumerateArray().ToList(),
            _ => throw new Xunit.Sdk.XunitException($"webhook {request.Id}: unknown body type \"{type}\""),
        };
        return events.Select(e => new DeliveredScan(request.Id, e.GetProperty("deviceId").GetString()!, e.GetProperty("seq").GetInt64(),
            DataText(e), request.At)).ToList();
    }

    private static string DataText(JsonElement e)
    {
        string data = e.GetProperty("data").GetString()!;
        return e.GetProperty("dataEncoding").GetString() switch
        {
            "utf8" => data,
            "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(data)),
            var other => throw new Xunit.Sdk.XunitException($"unknown dataEncoding \"{other}\""),
        };
    }

    /// <summary>
    /// Waits (bounded) until every scan in <paramref name="expected"/> is in a request <paramref name="counts"/>
    /// accepts (all by default); on timeout names the first missing ones.
    /// </summary>
    public static async Task WaitForAllAsync(WebhookReceiver receiver, IReadOnlyCollection<(string, long)> expected, TimeSpan timeout,
        Func<WebhookReceiver.Received, bool>? counts = null)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var got = receiver.Requests.Where(counts ?? (_ => true)).SelectMany(Parse).Select(s => (s.DeviceId, s.Seq)).ToHashSet();
            var missing = expected.Where(e => !got.Contains(e)).ToList();
            if (missing.Count == 0) return;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Within {timeout.TotalSeconds} s, {missing.Count} of {expected.Count} scans did not arrive, e.g. {string.Join(", ", missing.Take(10))}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Every request is signed with <paramref name="secret"/>; each (device, seq) travelled under one webhook-id
    /// only; each webhook-id always carried the same scans, and (single-scan bodies) exactly one (device, seq).
    /// </summary>
    public static void AssertSignedAndExactlyOnce(string secret, IReadOnlyList<WebhookReceiver.Received> requests, bool singleScanBodies)
    {
        var idsOfScan = new Dictionary<(string, long), HashSet<string>>();
        var scansOfId = new Dictionary<string, HashSet<string>>();
        foreach (var r in requests)
        {
            Assert.True(StandardWebhooks.Verify(secret, r), $"webhook {r.Id}: signature {r.Signature} does not verify");
            var scans = Parse(r);
            if (singleScanBodies) Assert.True(scans.Count == 1, $"webhook {r.Id} carries {scans.Count} scans");
            string content = string.Join(",", scans.Select(s => s.DeviceId + "/" + s.Seq));
            if (!scansOfId.TryGetValue(r.Id, out var contents)) scansOfId[r.Id] = contents = new HashSet<string>();
            contents.Add(content);
            foreach (var s in scans)
            {
                if (!idsOfScan.TryGetValue((s.DeviceId, s.Seq), out var ids)) idsOfScan[(s.DeviceId, s.Seq)] = ids = new HashSet<string>();
                ids.Add(r.Id);
            }
        }
        foreach (var (scan, ids) in idsOfScan)
            Assert.True(ids.Count == 1, $"{scan} was delivered under {ids.Count} webhook-ids: {string.Join(", ", ids.Take(5))}");
        foreach (var (id, contents) in scansOfId)
            Assert.True(contents.Count == 1, $"webhook-id {id} named different scans: {string.Join(" | ", contents.Take(5))}");
    }
}

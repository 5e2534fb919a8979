using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Relay;

namespace Devices.Gateway.Webhooks;

/// <summary>
/// Reads what a backend's 2xx answer asks to show on devices. One scan: {"display": {"text": "Paid",
/// "seconds": 5, "outcome": "accepted"}}. A batch (or a single scan, too): {"results": [{"deviceId": "t-1",
/// "seq": 7, "display": {...}}]}. Anything else (empty body, other JSON, not JSON) means "nothing to show".
/// </summary>
public static class WebhookFeedback
{
    public const uint DefaultSeconds = 5;
    public const uint MaxSeconds = 600;

    public static IReadOnlyList<DeviceFeedback> Read(ReadOnlySpan<byte> body, IReadOnlyList<ScanWebhookEvent> sent)
    {
        var found = new List<DeviceFeedback>();
        if (body.IsEmpty) return found;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            return found;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return found;
            if (sent.Count == 1 && root.TryGetProperty("display", out var display) && Display(sent[0], display) is { } one)
                found.Add(one);
            if (root.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array)
            {
                foreach (var r in results.EnumerateArray())
                {
                    if (r.ValueKind != JsonValueKind.Object || !r.TryGetProperty("display", out var d)) continue;
                    var deviceId = r.TryGetProperty("deviceId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                    var seq = r.TryGetProperty("seq", out var s) && s.TryGetInt64(out long n) ? n : -1;
                    // Only devices and scans this request carried: a backend cannot make the gateway message others.
                    foreach (var e in sent)
                    {
                        if (e.DeviceId == deviceId && e.Seq == seq && Display(e, d) is { } f)
                        {
                            found.Add(f);
                            break;
                        }
                    }
                }
            }
        }
        return found;
    }

    private static DeviceFeedback? Display(ScanWebhookEvent e, JsonElement display)
    {
        if (display.ValueKind != JsonValueKind.Object) return null;
        var text = display.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() ?? "" : "";
        uint seconds = display.TryGetProperty("seconds", out var s) && s.TryGetUInt32(out uint v) ? Math.Min(v, MaxSeconds) : DefaultSeconds;
        var outcome = display.TryGetProperty("outcome", out var o) && o.ValueKind == JsonValueKind.String
            ? o.GetString() switch { "accepted" => ScanOutcome.Accepted, "rejected" => ScanOutcome.Rejected, _ => ScanOutcome.None }
            : ScanOutcome.None;
        if (text.Length == 0 && outcome == ScanOutcome.None) return null;
        return new DeviceFeedback(e.DeviceId, e.Seq, FitText(text), seconds, outcome);
    }

    /// <summary>Cuts text to the notify message's byte limit without splitting a character.</summary>
    public static string FitText(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) <= NotifyMessage.MaxTextBytes) return text;
        var info = new System.Globalization.StringInfo(text);
        int n = info.LengthInTextElements;
        while (n > 0 && Encoding.UTF8.GetByteCount(info.SubstringByTextElements(0, n)) > NotifyMessage.MaxTextBytes) n--;
        return n == 0 ? "" : info.SubstringByTextElements(0, n);
    }
}

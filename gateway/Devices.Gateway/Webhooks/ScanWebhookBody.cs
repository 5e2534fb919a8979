using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Devices.Gateway.Outbox;

namespace Devices.Gateway.Webhooks;

/// <summary>
/// The JSON the backend receives for one scan ("type": "scan"), or several in one request ("type": "scan.batch",
/// "events": [...], each device's events in order). See docs/webhooks.md.
/// </summary>
public sealed record ScanWebhookEvent(
    string Type,
    string DeviceId,
    long Seq,
    string Data,
    string DataEncoding,
    DateTimeOffset ScannedAt,
    bool ScannedAtEstimated,
    DateTimeOffset ReceivedAt,
    string? DeviceName)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Data as UTF-8 text when it is valid UTF-8, otherwise base64 ("dataEncoding" says which).</summary>
    public static ScanWebhookEvent From(ScanEnvelope scan, string? deviceName)
    {
        string data, encoding;
        try
        {
            data = StrictUtf8.GetString(scan.Data);
            encoding = "utf8";
        }
        catch (DecoderFallbackException)
        {
            data = Convert.ToBase64String(scan.Data);
            encoding = "base64";
        }
        return new ScanWebhookEvent("scan", scan.DeviceId, scan.Seq, data, encoding, scan.ScannedAt,
            scan.DeviceUnixTime == 0, scan.ReceivedAt, deviceName);
    }

    /// <summary>The data bytes back (receivers and tests).</summary>
    public byte[] DataBytes() => DataEncoding == "base64" ? Convert.FromBase64String(Data) : Encoding.UTF8.GetBytes(Data);
}

/// <summary>Several scans in one request.</summary>
public sealed record ScanWebhookBatch(string Type, IReadOnlyList<ScanWebhookEvent> Events);

public static class ScanWebhookJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public const string BatchType = "scan.batch";

    public static byte[] Single(ScanWebhookEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, Options);

    public static byte[] Batch(IReadOnlyList<ScanWebhookEvent> events) =>
        JsonSerializer.SerializeToUtf8Bytes(new ScanWebhookBatch(BatchType, events), Options);

    /// <summary>Reads a request body of either shape into its events (receivers and tests).</summary>
    public static IReadOnlyList<ScanWebhookEvent> Read(ReadOnlySpan<byte> body)
    {
        using var doc = JsonDocument.Parse(body.ToArray());
        var type = doc.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type == BatchType) return doc.RootElement.Deserialize<ScanWebhookBatch>(Options)!.Events;
        return new[] { doc.RootElement.Deserialize<ScanWebhookEvent>(Options)! };
    }
}

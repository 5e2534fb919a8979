using System;
using System.Globalization;
using System.Text;
using Devices.Gateway.Outbox;

namespace Devices.Gateway.Scans;

/// <summary>
/// A scan as the API shows it. Scanned data may be personal, so it is masked: its length and, for data of 8 or more
/// characters, the last 4 ("…1234"); shorter data shows only "…".
/// </summary>
public sealed record ScanView(
    long Id,
    string DeviceId,
    long Seq,
    int DataLength,
    string DataMasked,
    DateTimeOffset ScannedAt,
    DateTimeOffset ReceivedAt,
    string State,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    DateTimeOffset? DoneAt)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static ScanView From(OutboxEvent e) => new(
        e.Id, e.Scan.DeviceId, e.Scan.Seq, e.Scan.Data.Length, Mask(e.Scan.Data), e.Scan.ScannedAt, e.Scan.ReceivedAt,
        e.State switch { OutboxEventState.Delivered => "delivered", OutboxEventState.DeadLetter => "dead-letter", _ => "pending" },
        e.Attempts, e.State == OutboxEventState.Pending && e.Attempts > 0 ? e.NextAttemptAt : null, e.LastError, e.DoneAt);

    public static string Mask(byte[] data)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(data);
        }
        catch (DecoderFallbackException)
        {
            return data.Length >= 8 ? "…0x" + Convert.ToHexString(data, data.Length - 2, 2) : "…";
        }
        var info = new StringInfo(text);
        int n = info.LengthInTextElements;
        return n >= 8 ? "…" + info.SubstringByTextElements(n - 4) : "…";
    }
}

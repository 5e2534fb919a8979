using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Devices.Gateway.Webhooks;

/// <summary>
/// Standard Webhooks signatures: v1 = base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}")).
/// The header may carry several space-separated "v1,…" entries (key rotation); one match is enough.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>How far a receiver lets the timestamp drift from its clock (the spec's suggestion: 5 minutes).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>"v1,&lt;base64&gt;" for one message.</summary>
    public static string Sign(WebhookSecret secret, string id, long timestamp, ReadOnlySpan<byte> body) =>
        "v1," + Convert.ToBase64String(Mac(secret, id, timestamp, body));

    /// <summary>
    /// Checks a received webhook's headers and raw body. Returns null when valid, otherwise why not (one sentence).
    /// </summary>
    public static string? Verify(WebhookSecret secret, string? id, string? timestamp, string? signatures,
        ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(id)) return "The webhook-id header is missing.";
        if (string.IsNullOrEmpty(timestamp)) return "The webhook-timestamp header is missing.";
        if (string.IsNullOrEmpty(signatures)) return "The webhook-signature header is missing.";
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
            return "The webhook-timestamp header is not unix seconds.";
        var sent = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if ((now - sent).Duration() > Tolerance) return "The webhook-timestamp is more than 5 minutes off.";

        var expected = Mac(secret, id, seconds, body);
        Span<byte> given = stackalloc byte[64];
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!entry.StartsWith("v1,", StringComparison.Ordinal)) continue;
            if (Convert.TryFromBase64String(entry[3..], given, out int n) && n == expected.Length &&
                CryptographicOperations.FixedTimeEquals(given[..n], expected))
                return null;
        }
        return "No webhook-signature matches.";
    }

    private static byte[] Mac(WebhookSecret secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(string.Concat(id, ".", timestamp.ToString(CultureInfo.InvariantCulture), "."));
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret.Key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}

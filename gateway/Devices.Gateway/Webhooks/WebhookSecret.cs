using System;
using System.Security.Cryptography;

namespace Devices.Gateway.Webhooks;

/// <summary>
/// A Standard Webhooks symmetric secret: "whsec_" followed by base64 of the key bytes. The HMAC key is the
/// decoded bytes, not the text.
/// </summary>
public sealed class WebhookSecret
{
    public const string Prefix = "whsec_";

    private WebhookSecret(byte[] key) => Key = key;

    public byte[] Key { get; }

    /// <summary>Parses "whsec_…" (the prefix is optional, as in the reference libraries); a clear message when it is not.</summary>
    public static bool TryParse(string? text, out WebhookSecret secret, out string error)
    {
        secret = null!;
        error = "";
        var base64 = text ?? "";
        if (base64.StartsWith(Prefix, StringComparison.Ordinal)) base64 = base64[Prefix.Length..];
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            error = "A webhook secret must be \"whsec_\" followed by base64 (for example whsec_" +
                    Convert.ToBase64String(new byte[24]) + ").";
            return false;
        }
        if (key.Length < 16)
        {
            error = $"A webhook secret must decode to at least 16 bytes; this one has {key.Length}.";
            return false;
        }
        secret = new WebhookSecret(key);
        return true;
    }

    public static WebhookSecret Parse(string text) =>
        TryParse(text, out var secret, out var error) ? secret : throw new FormatException(error);

    /// <summary>A new random secret in the whsec_ form (24 bytes, as the reference libraries generate).</summary>
    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
}

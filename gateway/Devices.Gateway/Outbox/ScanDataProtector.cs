using System;
using System.Security.Cryptography;
using System.Text;

namespace Devices.Gateway.Outbox;

/// <summary>
/// Applies the privacy option to scanned data before it reaches the outbox, so neither the database nor the
/// backend ever sees more than configured.
/// </summary>
public sealed class ScanDataProtector
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly byte[] Ellipsis = Encoding.UTF8.GetBytes("…");

    private readonly ScanDataPrivacy _privacy;
    private readonly int _keepChars;
    private readonly byte[] _hashKey;

    public ScanDataProtector(ScanDataPrivacy privacy, int keepChars, byte[] hashKey)
    {
        if (privacy == ScanDataPrivacy.Hash && hashKey.Length < 16)
            throw new ArgumentException("The scan hash key must be at least 16 bytes.", nameof(hashKey));
        _privacy = privacy;
        _keepChars = keepChars;
        _hashKey = hashKey;
    }

    public ScanDataPrivacy Privacy => _privacy;

    public byte[] Protect(byte[] data) => _privacy switch
    {
        ScanDataPrivacy.Hash => Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, data))),
        ScanDataPrivacy.Truncate => Truncate(data),
        _ => data,
    };

    private byte[] Truncate(byte[] data)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(data);
        }
        catch (DecoderFallbackException)
        {
            // Not text: keep the first bytes instead of characters.
            if (data.Length <= _keepChars) return data;
            var cut = new byte[_keepChars + Ellipsis.Length];
            Array.Copy(data, cut, _keepChars);
            Array.Copy(Ellipsis, 0, cut, _keepChars, Ellipsis.Length);
            return cut;
        }
        var info = new System.Globalization.StringInfo(text);
        if (info.LengthInTextElements <= _keepChars) return data;
        // Whole text elements, so a surrogate pair or combining mark is never split.
        return Encoding.UTF8.GetBytes(info.SubstringByTextElements(0, _keepChars) + "…");
    }
}

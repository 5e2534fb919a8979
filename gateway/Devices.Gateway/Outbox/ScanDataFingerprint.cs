using System;
using System.Security.Cryptography;

namespace Devices.Gateway.Outbox;

/// <summary>What logs may say about scanned data: its length and a short hash, never the data.</summary>
public static class ScanDataFingerprint
{
    public static string Of(byte[] data) =>
        string.Concat(data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), " bytes #",
            Convert.ToHexStringLower(SHA256.HashData(data), 0, 4));
}

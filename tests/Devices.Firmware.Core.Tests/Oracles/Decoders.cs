using System;
using System.IO;
using System.Text;
using Devices.Imaging;

namespace Devices.Firmware.Core.Tests.Oracles;

/// <summary>The two independent decoders that must read every code we draw: zbar and ZXing-C++.</summary>
public static class Decoders
{
    /// <summary>zbarimg's reading of the PNG: raw bytes of the first symbol (null when nothing was found).</summary>
    public static byte[]? ZBar(string pngPath)
    {
        // --raw: payload only; -Sbinary: no charset guessing, so UTF-8 arrives as the bytes we encoded.
        // Read stdout as Latin-1 so every byte survives (UTF-8 decoding would mangle non-ASCII payloads).
        var r = ExternalTool.Run(Encoding.Latin1, "zbarimg", "--quiet", "--raw", "-Sbinary", pngPath);
        if (r.ExitCode != 0) return null;
        var bytes = Encoding.Latin1.GetBytes(r.StdOut);
        // zbarimg ends each symbol with a newline.
        return bytes.Length > 0 && bytes[^1] == (byte)'\n' ? bytes[..^1] : bytes;
    }

    /// <summary>ZXingReader's reading: text, raw payload bytes and format ("QRCode", "EAN-13", "UPC-A",
    /// "Code128"); null when nothing was found.</summary>
    public static ZXingResult? ZXing(string pngPath)
    {
        var r = ExternalTool.Run("ZXingReader", pngPath);
        if (r.ExitCode != 0) return null;
        string? text = null, format = null;
        byte[]? bytes = null;
        foreach (var line in r.StdOut.Split('\n'))
        {
            if (line.StartsWith("Text:", StringComparison.Ordinal))
                text = Unquote(line["Text:".Length..].Trim());
            else if (line.StartsWith("Bytes:", StringComparison.Ordinal))
                bytes = Convert.FromHexString(line["Bytes:".Length..].Replace(" ", "", StringComparison.Ordinal).Trim());
            else if (line.StartsWith("Format:", StringComparison.Ordinal))
                format = line["Format:".Length..].Trim();
        }
        return text is null || format is null ? null : new ZXingResult(text, bytes ?? [], format);
    }

    public sealed record ZXingResult(string Text, byte[] Bytes, string Format);

    public static string WritePng(IPixelImage image)
    {
        var path = ExternalTool.TempFile(".png");
        File.WriteAllBytes(path, PngFile.Encode(image));
        return path;
    }

    private static string Unquote(string s) =>
        s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1] : s;
}

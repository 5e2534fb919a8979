using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Devices.Gateway.Glyphs;

/// <summary>
/// GNU Unifont's .hex format: one line per character, "XXXX:" then 32 hex digits (8×16, half width) or 64 hex
/// digits (16×16), rows top to bottom, most significant bit = leftmost pixel. Every glyph comes out as a 16×16
/// cell of 32 bytes; a half-width glyph sits in the left half (what the label's 16-pixel advance expects).
/// </summary>
public sealed class UnifontHex
{
    public const int CellBytes = 32;

    private readonly Dictionary<char, byte[]> _glyphs;

    private UnifontHex(Dictionary<char, byte[]> glyphs) => _glyphs = glyphs;

    public int Count => _glyphs.Count;

    /// <summary>Throws <see cref="GlyphSourceMissingException"/> when the file is absent, FormatException naming the line when it is not .hex.</summary>
    public static UnifontHex Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new GlyphSourceMissingException("The Unifont file '" + path + "' is missing, so characters outside the device fonts " +
                "cannot be sent: install the Debian package 'unifont' or set Glyphs:UnifontHexPath.");
        }
        var glyphs = new Dictionary<char, byte[]>();
        int lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            int colon = line.IndexOf(':');
            if (colon < 4 || !int.TryParse(line.AsSpan(0, colon), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
            {
                throw new FormatException(path + " line " + lineNumber + " is not 'XXXX:hexbits'.");
            }
            if (code > 0xFFFF || code is >= 0xD800 and <= 0xDFFF) continue; // labels carry UTF-16 code units only
            glyphs[(char)code] = ParseBitmap(line.AsSpan(colon + 1), path, lineNumber);
        }
        return new UnifontHex(glyphs);
    }

    /// <summary>The 16×16 cell (32 bytes, 2 per row) for a character, or null when Unifont has none.</summary>
    public byte[]? Find(char c) => _glyphs.TryGetValue(c, out var cell) ? cell : null;

    private static byte[] ParseBitmap(ReadOnlySpan<char> hex, string path, int lineNumber)
    {
        var cell = new byte[CellBytes];
        if (hex.Length == 32)
        {
            for (int row = 0; row < 16; row++) cell[row * 2] = HexByte(hex, row * 2, path, lineNumber);
        }
        else if (hex.Length == 64)
        {
            for (int i = 0; i < CellBytes; i++) cell[i] = HexByte(hex, i * 2, path, lineNumber);
        }
        else
        {
            throw new FormatException(path + " line " + lineNumber + " has " + hex.Length + " hex digits; Unifont glyphs have 32 or 64.");
        }
        return cell;
    }

    private static byte HexByte(ReadOnlySpan<char> hex, int at, string path, int lineNumber)
    {
        if (!byte.TryParse(hex.Slice(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out byte b))
        {
            throw new FormatException(path + " line " + lineNumber + " has a non-hex digit.");
        }
        return b;
    }
}

/// <summary>The configured Unifont file is not there.</summary>
public sealed class GlyphSourceMissingException(string message) : Exception(message);

using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace FontGen;

/// <summary>A PC Screen Font (PSF1 or PSF2, optionally gzipped) with its Unicode table.</summary>
public sealed class PsfFont
{
    private readonly byte[] _glyphData;
    private readonly Dictionary<int, int> _glyphOfCode;

    private PsfFont(int width, int height, int glyphCount, byte[] glyphData, Dictionary<int, int> glyphOfCode)
    {
        Width = width;
        Height = height;
        GlyphCount = glyphCount;
        _glyphData = glyphData;
        _glyphOfCode = glyphOfCode;
    }

    public int Width { get; }
    public int Height { get; }
    public int GlyphCount { get; }
    public int BytesPerRow => (Width + 7) / 8;
    public int BytesPerGlyph => BytesPerRow * Height;

    /// <summary>The glyph's rows (MSB = leftmost), or null when the font's Unicode table lacks the code.</summary>
    public byte[]? Glyph(int code)
    {
        if (!_glyphOfCode.TryGetValue(code, out int glyph)) return null;
        var bits = new byte[BytesPerGlyph];
        Array.Copy(_glyphData, glyph * BytesPerGlyph, bits, 0, BytesPerGlyph);
        return bits;
    }

    public static PsfFont Load(string path)
    {
        byte[] data;
        using (var file = File.OpenRead(path))
        using (var buffer = new MemoryStream())
        {
            if (path.EndsWith(".gz", StringComparison.Ordinal))
            {
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                gzip.CopyTo(buffer);
            }
            else file.CopyTo(buffer);
            data = buffer.ToArray();
        }
        if (data.Length >= 4 && data[0] == 0x36 && data[1] == 0x04) return ParsePsf1(data, path);
        if (data.Length >= 32 && ReadUInt32(data, 0) == 0x864AB572) return ParsePsf2(data, path);
        throw new InvalidDataException($"{path}: not a PSF1 or PSF2 font.");
    }

    private static PsfFont ParsePsf1(byte[] data, string path)
    {
        int mode = data[2], height = data[3];
        int count = (mode & 1) != 0 ? 512 : 256;
        if ((mode & 2) == 0) throw new InvalidDataException($"{path}: PSF1 font without a Unicode table.");
        int glyphEnd = 4 + count * height;
        var glyphs = data.AsSpan(4, count * height).ToArray();
        var map = new Dictionary<int, int>();
        int pos = glyphEnd;
        for (int glyph = 0; glyph < count; glyph++)
        {
            bool inSequence = false;
            while (true)
            {
                int unit = data[pos] | (data[pos + 1] << 8);
                pos += 2;
                if (unit == 0xFFFF) break;
                if (unit == 0xFFFE) { inSequence = true; continue; }
                if (!inSequence) map.TryAdd(unit, glyph); // sequences (combining forms) are not single characters
            }
        }
        return new PsfFont(8, height, count, glyphs, map);
    }

    private static PsfFont ParsePsf2(byte[] data, string path)
    {
        int headerSize = (int)ReadUInt32(data, 8), flags = (int)ReadUInt32(data, 12);
        int count = (int)ReadUInt32(data, 16), bytesPerGlyph = (int)ReadUInt32(data, 20);
        int height = (int)ReadUInt32(data, 24), width = (int)ReadUInt32(data, 28);
        if ((flags & 1) == 0) throw new InvalidDataException($"{path}: PSF2 font without a Unicode table.");
        if (bytesPerGlyph != (width + 7) / 8 * height) throw new InvalidDataException($"{path}: unexpected glyph size.");
        var glyphs = data.AsSpan(headerSize, count * bytesPerGlyph).ToArray();
        var map = new Dictionary<int, int>();
        int pos = headerSize + count * bytesPerGlyph;
        for (int glyph = 0; glyph < count; glyph++)
        {
            int start = pos;
            while (data[pos] != 0xFF) pos++;
            var entry = data.AsSpan(start, pos - start);
            pos++;
            int sequenceStart = entry.IndexOf((byte)0xFE);
            if (sequenceStart >= 0) entry = entry[..sequenceStart];
            foreach (var rune in Encoding.UTF8.GetString(entry).EnumerateRunes())
                map.TryAdd(rune.Value, glyph);
        }
        return new PsfFont(width, height, count, glyphs, map);
    }

    private static uint ReadUInt32(byte[] data, int offset) =>
        (uint)(data[offset] | (data[offset + 1] << 8) | (data[offset + 2] << 16) | (data[offset + 3] << 24));
}

using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Devices.Firmware.Core.Tests.Text;

/// <summary>
/// An independent reader of the installed Spleen PSF files (not the generator's code), used as the oracle for
/// glyph bitmaps: code → rows of pixels as bool[y][x].
/// </summary>
public static class SpleenReference
{
    private static readonly Dictionary<string, Dictionary<int, bool[][]>> Cache = new();

    public const string FontDirectory = "/usr/share/consolefonts";

    public static Dictionary<int, bool[][]> Load(string size)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(size, out var cached)) return cached;
            string path = Path.Combine(FontDirectory, $"spleen-{size}.psfu.gz");
            Assert.True(File.Exists(path), $"{path} is missing: install the Debian package fonts-spleen (tests/run.sh does).");
            using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var memory = new MemoryStream();
            gzip.CopyTo(memory);
            byte[] d = memory.ToArray();
            var result = d[0] == 0x36 && d[1] == 0x04 ? ReadPsf1(d) : ReadPsf2(d);
            Cache[size] = result;
            return result;
        }
    }

    private static Dictionary<int, bool[][]> ReadPsf1(byte[] d)
    {
        int count = (d[2] & 1) == 1 ? 512 : 256, height = d[3];
        var glyphs = new bool[count][][];
        for (int g = 0; g < count; g++) glyphs[g] = Rows(d, 4 + g * height, 8, height);
        var map = new Dictionary<int, bool[][]>();
        var r = new BinaryReader(new MemoryStream(d, 4 + count * height, d.Length - 4 - count * height));
        for (int g = 0; g < count; g++)
        {
            bool sequence = false;
            for (ushort u = r.ReadUInt16(); u != 0xFFFF; u = r.ReadUInt16())
            {
                if (u == 0xFFFE) sequence = true;
                else if (!sequence && !map.ContainsKey(u)) map[u] = glyphs[g];
            }
        }
        return map;
    }

    private static Dictionary<int, bool[][]> ReadPsf2(byte[] d)
    {
        var r = new BinaryReader(new MemoryStream(d));
        r.ReadUInt32(); r.ReadUInt32();
        int headerSize = r.ReadInt32(); r.ReadInt32();
        int count = r.ReadInt32(), charSize = r.ReadInt32(), height = r.ReadInt32(), width = r.ReadInt32();
        var map = new Dictionary<int, bool[][]>();
        int table = headerSize + count * charSize;
        for (int g = 0; g < count; g++)
        {
            int end = Array.IndexOf(d, (byte)0xFF, table);
            string entry = Encoding.UTF8.GetString(d, table, end - table);
            int seq = Array.IndexOf(d, (byte)0xFE, table, end - table);
            if (seq >= 0) entry = Encoding.UTF8.GetString(d, table, seq - table);
            var rows = Rows(d, headerSize + g * charSize, width, height);
            for (int i = 0; i < entry.Length; i += char.IsSurrogatePair(entry, i) ? 2 : 1)
                map.TryAdd(char.ConvertToUtf32(entry, i), rows);
            table = end + 1;
        }
        return map;
    }

    private static bool[][] Rows(byte[] d, int offset, int width, int height)
    {
        int stride = (width + 7) / 8;
        var rows = new bool[height][];
        for (int y = 0; y < height; y++)
        {
            rows[y] = new bool[width];
            for (int x = 0; x < width; x++) rows[y][x] = (d[offset + y * stride + x / 8] & (0x80 >> (x % 8))) != 0;
        }
        return rows;
    }
}

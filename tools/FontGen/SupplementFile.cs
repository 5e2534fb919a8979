using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace FontGen;

/// <summary>
/// Glyphs we drew ourselves for codes a Spleen size lacks. Text format: "size WxH" starts a section, "char U+XXXX"
/// starts a glyph, then H rows of W characters, '#' = ink and '.' = paper. '#' lines at the start are comments.
/// </summary>
public static class SupplementFile
{
    /// <returns>Key "WxH" → (code → packed rows, MSB first).</returns>
    public static Dictionary<string, SortedDictionary<int, byte[]>> Load(string path)
    {
        var result = new Dictionary<string, SortedDictionary<int, byte[]>>();
        string[] lines = File.ReadAllLines(path);
        string? size = null;
        int width = 0, height = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal)) continue;
            if (line.StartsWith("size ", StringComparison.Ordinal))
            {
                size = line[5..].Trim();
                string[] parts = size.Split('x');
                width = int.Parse(parts[0], CultureInfo.InvariantCulture);
                height = int.Parse(parts[1], CultureInfo.InvariantCulture);
                result.TryAdd(size, new SortedDictionary<int, byte[]>());
                continue;
            }
            if (!line.StartsWith("char U+", StringComparison.Ordinal) || size == null)
                throw new InvalidDataException($"{path}:{i + 1}: expected 'size WxH' or 'char U+XXXX'.");
            int code = int.Parse(line[7..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            int bytesPerRow = (width + 7) / 8;
            var bits = new byte[bytesPerRow * height];
            for (int row = 0; row < height; row++)
            {
                i++;
                string pixels = i < lines.Length ? lines[i].Trim() : "";
                if (pixels.Length != width || pixels.Trim('#', '.').Length != 0)
                    throw new InvalidDataException($"{path}:{i + 1}: a glyph row is {width} of '#' and '.'.");
                for (int x = 0; x < width; x++)
                    if (pixels[x] == '#') bits[row * bytesPerRow + x / 8] |= (byte)(0x80 >> (x % 8));
            }
            if (!result[size].TryAdd(code, bits)) throw new InvalidDataException($"{path}: U+{code:X4} drawn twice for {size}.");
        }
        return result;
    }
}

using System.Collections.Generic;
using Devices.Firmware.Core.Text;
using Devices.Firmware.Core.Text.Fonts;

namespace Devices.Firmware.Core.Tests.Text;

public class FontGlyphTests
{
    public static TheoryData<string> FontSizes => new() { "6x12", "8x16", "12x24", "16x32", "32x64" };

    public static Font FontOf(string size) => size switch
    {
        "6x12" => SpleenFont6x12.Font,
        "8x16" => SpleenFont8x16.Font,
        "12x24" => SpleenFont12x24.Font,
        "16x32" => SpleenFont16x32.Font,
        "32x64" => SpleenDigits32x64.Font,
        _ => throw new System.ArgumentException(size),
    };

    public static List<int> RequiredCodes(string size)
    {
        var codes = new List<int>();
        if (size == "32x64")
        {
            foreach (char c in " $%,-.0123456789\u00A2\u00A3\u00A4\u00A5\u20AC") codes.Add(c);
            return codes;
        }
        for (int c = 0x20; c <= 0x7E; c++) codes.Add(c);
        for (int c = 0xA0; c <= 0xFF; c++) codes.Add(c);
        codes.Add(0x20AC);
        codes.Add(0x2026);
        return codes;
    }

    // Our own drawings for Spleen 6x12 (see tools/FontGen/supplement), repeated here as the expected pictures.
    private static readonly Dictionary<int, string[]> Drawn6x12 = new()
    {
        [0x20AC] = ["......", "..###.", ".#....", "####..", ".#....", "####..", ".#....", ".#....", "..###.", "......", "......", "......"],
        [0x2026] = ["......", "......", "......", "......", "......", "......", "......", "......", "#.#.#.", "......", "......", "......"],
    };

    [Theory]
    [MemberData(nameof(FontSizes))]
    public void Every_glyph_equals_the_Spleen_source_bitmap(string size)
    {
        Font font = FontOf(size);
        var spleen = SpleenReference.Load(size);
        var required = RequiredCodes(size);
        Assert.Equal(required.Count, font.Glyphs.Count);
        int checkedFromSpleen = 0;
        foreach (int code in required)
        {
            Assert.True(font.TryGetGlyph((char)code, out int index), $"{font.Name} lacks U+{code:X4}");
            Assert.Equal((char)code, font.Glyphs.CodeOf(index));
            bool[][] expected;
            if (spleen.TryGetValue(code, out var fromSpleen)) { expected = fromSpleen; checkedFromSpleen++; }
            else
            {
                Assert.True(size == "6x12" && Drawn6x12.ContainsKey(code), $"Spleen {size} lacks U+{code:X4} unexpectedly");
                expected = Parse(Drawn6x12[code]);
            }
            Assert.Equal(expected.Length, font.Height);
            Assert.Equal(expected[0].Length, font.Width);
            for (int y = 0; y < font.Height; y++)
                for (int x = 0; x < font.Width; x++)
                    Assert.True(expected[y][x] == GlyphBit(font.Glyphs, index, x, y), $"{font.Name} U+{code:X4} pixel ({x},{y})");
        }
        Assert.True(checkedFromSpleen >= required.Count - 2);
    }

    [Theory]
    [MemberData(nameof(FontSizes))]
    public void Characters_outside_the_coverage_are_not_found(string size)
    {
        Font font = FontOf(size);
        foreach (char c in "\u0000\u001F\u007F\u0080\u009F\u0100\u4F60\uFFFF\uD800")
            Assert.False(font.TryGetGlyph(c, out int index), $"U+{(int)c:X4}");
        if (size == "32x64") Assert.False(font.TryGetGlyph('A', out _));
    }

    [Fact]
    public void Ascent_puts_the_baseline_just_under_the_capitals()
    {
        // Read off the Spleen pictures: the bottom row of 'H' is the last row above the baseline.
        foreach (string size in new[] { "6x12", "8x16", "12x24", "16x32", "32x64" })
        {
            Font font = FontOf(size);
            var zero = SpleenReference.Load(size)['0'];
            Assert.True(System.Array.Exists(zero[font.Ascent - 1], p => p), size);
            for (int y = font.Ascent; y < font.Height; y++) Assert.DoesNotContain(true, zero[y]);
        }
    }

    public static bool GlyphBit(GlyphSet set, int index, int x, int y) =>
        (set.Bitmaps[index * set.BytesPerGlyph + y * set.BytesPerRow + x / 8] & (0x80 >> (x % 8))) != 0;

    public static bool[][] Parse(string[] rows)
    {
        var result = new bool[rows.Length][];
        for (int y = 0; y < rows.Length; y++)
        {
            result[y] = new bool[rows[y].Length];
            for (int x = 0; x < rows[y].Length; x++) result[y][x] = rows[y][x] == '#';
        }
        return result;
    }
}

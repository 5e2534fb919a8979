using System;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Text;
using Devices.Firmware.Core.Text.Fonts;

namespace Devices.Firmware.Core.Tests.Text;

public class TextDrawingTests
{
    /// <summary>U+4F60 as a 16×16 test pattern: a frame with a diagonal, asymmetric so flips and shifts show.</summary>
    public static bool Ni(int x, int y) => x == 0 || y == 0 || x == y || (x == 15 && y < 8);

    /// <summary>U+597D: the left half filled.</summary>
    public static bool Hao(int x, int y) => x < 8 && y % 2 == 0;

    public static GlyphSet ChineseSet()
    {
        var bitmaps = new byte[2 * 32];
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 16; x++)
            {
                if (Ni(x, y)) bitmaps[y * 2 + x / 8] |= (byte)(0x80 >> (x % 8));
                if (Hao(x, y)) bitmaps[32 + y * 2 + x / 8] |= (byte)(0x80 >> (x % 8));
            }
        return new GlyphSet([0x4F, 0x60, 0x59, 0x7D], bitmaps, 16, 16);
    }

    private static FrameBuffer Frame(int width = 200, int height = 80) => new(width, height, false);

    [Fact]
    public void Widths_add_up_glyph_advances()
    {
        var text = new TextRenderer(SpleenFont8x16.Font);
        Assert.Equal(40, text.MeasureWidth("Hello"));
        Assert.Equal(0, text.MeasureWidth(null));
        Assert.Equal(0, text.MeasureWidth(""));
        Assert.Equal(16, text.MeasureWidth("a\u0001\r\nb"));        // controls take no room
        Assert.Equal(24, text.MeasureWidth("a\U0001F600b"));         // a surrogate pair is one unknown glyph
        Assert.Equal(24, text.MeasureWidth("a\uD800b"));             // so is a lone surrogate
        Assert.Equal(16, text.MeasureWidth("a\u4F60"));              // unknown: a box one cell wide
        text.SetExtraGlyphs([ChineseSet()]);
        Assert.Equal(32, text.MeasureWidth("a\u4F60b"));             // a 16 px glyph between 8 px ones
        Assert.Equal(24, text.MeasureWidth("Hello", 1, 3));
        Assert.Equal(16, text.MeasureWidth("Hello", -1, 3));         // clamped to the string
        text.Scale = 3;
        Assert.Equal(96, text.MeasureWidth("a\u4F60b"));
        Assert.Equal(48, text.LineHeight);
        Assert.Equal(96, new TextRenderer(SpleenFont12x24.Font) { Scale = 2 }.MeasureWidth("1.99"));
    }

    [Theory]
    [InlineData("6x12", "Ag\u00E9\u20AC\u2026", 3, 5, 1)]
    [InlineData("8x16", "Ag\u00E9\u20AC\u00FF", 0, 0, 1)]
    [InlineData("12x24", "Price: 9", 7, 2, 2)]
    [InlineData("16x32", "\u00A3\u00A5", 11, 9, 1)]
    [InlineData("32x64", "4.5", 1, 3, 1)]
    public void Drawn_pixels_are_exactly_the_glyph_bits(string size, string s, int x0, int y0, int scale)
    {
        Font font = FontGlyphTests.FontOf(size);
        var frame = Frame(400, 200);
        var text = new TextRenderer(font) { Scale = scale };
        text.Draw(frame, s, x0, y0, Ink.Black);
        var spleen = SpleenReference.Load(size);
        for (int y = 0; y < frame.Height; y++)
            for (int x = 0; x < frame.Width; x++)
            {
                bool expected = false;
                int col = (x - x0) / scale, row = (y - y0) / scale;
                if (x >= x0 && y >= y0 && row < font.Height && col < s.Length * font.Width)
                {
                    char c = s[col / font.Width];
                    expected = spleen.TryGetValue(c, out var glyph)
                        ? glyph[row][col % font.Width]
                        : FontGlyphTests.GlyphBit(font.Glyphs, Index(font, c), col % font.Width, row);
                }
                Assert.True(expected == (frame.GetPixel(x, y) == Ink.Black), $"pixel ({x},{y})");
            }
    }

    [Fact]
    public void Rotated_frames_show_the_text_upright_in_logical_coordinates()
    {
        var frame = Panel.Epd213.CreateFrame(); // RAM 122×250, turned 90° to 250×122
        new TextRenderer(SpleenFont8x16.Font).Draw(frame, "R", 100, 50, Ink.Red);
        var r = SpleenReference.Load("8x16")['R'];
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 8; x++)
                Assert.Equal(r[y][x] ? Ink.Black : Ink.White, frame.GetPixel(100 + x, 50 + y)); // red falls back to black
    }

    [Fact]
    public void Extra_glyphs_are_drawn_between_Latin_glyphs_and_the_font_comes_first()
    {
        var frame = Frame();
        var text = new TextRenderer(SpleenFont8x16.Font);
        text.SetExtraGlyphs([null!, ChineseSet()]);
        text.Draw(frame, "A\u4F60\u597DB", 10, 4, Ink.Black);
        var spleen = SpleenReference.Load("8x16");
        for (int y = 0; y < 16; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                Assert.Equal(spleen['A'][y][x], frame.GetPixel(10 + x, 4 + y) == Ink.Black);
                Assert.Equal(spleen['B'][y][x], frame.GetPixel(50 + x, 4 + y) == Ink.Black);
            }
            for (int x = 0; x < 16; x++)
            {
                Assert.Equal(Ni(x, y), frame.GetPixel(18 + x, 4 + y) == Ink.Black);
                Assert.Equal(Hao(x, y), frame.GetPixel(34 + x, 4 + y) == Ink.Black);
            }
        }
        // An extra set cannot override the font: an 'A' in the extra set is ignored.
        var fakeA = new GlyphSet([0x00, 0x41], new byte[32], 16, 16);
        text.SetExtraGlyphs([fakeA]);
        Assert.Equal(8, text.MeasureWidth("A"));
    }

    [Fact]
    public void Shorter_font_glyphs_are_centred_in_a_taller_line_box()
    {
        var frame = Frame();
        var text = new TextRenderer(SpleenFont6x12.Font);
        text.SetExtraGlyphs([ChineseSet()]);
        Assert.Equal(16, text.LineHeight);
        text.Draw(frame, "H\u4F60", 0, 0, Ink.Black);
        var h = SpleenReference.Load("6x12")['H'];
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 6; x++)
                Assert.Equal(y >= 2 && y < 14 && h[y - 2][x], frame.GetPixel(x, y) == Ink.Black);
        Assert.Equal(2 + 9, text.Baseline);
        Assert.True(Ni(0, 0) && frame.GetPixel(6, 0) == Ink.Black);
    }

    [Fact]
    public void An_unknown_character_is_a_hollow_box_over_the_capital_height()
    {
        var frame = Frame();
        new TextRenderer(SpleenFont8x16.Font).Draw(frame, "\u4F60", 0, 0, Ink.Black);
        // 8x16: ascent 12, so the box spans rows 1..11 and columns 0..6.
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 8; x++)
            {
                bool inside = x <= 6 && y >= 1 && y <= 11;
                bool edge = inside && (x == 0 || x == 6 || y == 1 || y == 11);
                Assert.Equal(edge, frame.GetPixel(x, y) == Ink.Black);
            }
    }

    [Theory]
    [InlineData(TextAlign.Left, 20)]
    [InlineData(TextAlign.Center, 20 + (100 - 24) / 2)]
    [InlineData(TextAlign.Right, 20 + 100 - 24)]
    public void Alignment_places_the_line_inside_its_box(TextAlign align, int expectedLeft)
    {
        var aligned = Frame();
        var reference = Frame();
        var text = new TextRenderer(SpleenFont8x16.Font);
        text.DrawLine(aligned, "abc", 20, 10, 100, align, Ink.Black);
        text.Draw(reference, "abc", expectedLeft, 10, Ink.Black);
        Assert.Equal(reference.BlackPlane, aligned.BlackPlane);
    }

    [Fact]
    public void A_line_too_long_for_its_box_ends_with_an_ellipsis_that_fits()
    {
        var text = new TextRenderer(SpleenFont8x16.Font);
        var cut = Frame();
        text.DrawLine(cut, "Chocolate cake", 0, 0, 60, TextAlign.Left, Ink.Black);
        // 60 px = 7 cells; one goes to the ellipsis: "Chocol" + "…".
        var reference = Frame();
        text.Draw(reference, "Chocol\u2026", 0, 0, Ink.Black);
        Assert.Equal(reference.BlackPlane, cut.BlackPlane);
        for (int y = 0; y < 16; y++)
            for (int x = 56; x < 200; x++) Assert.Equal(Ink.White, cut.GetPixel(x, y));
    }

    [Fact]
    public void Without_an_ellipsis_glyph_three_periods_are_drawn()
    {
        var text = new TextRenderer(SpleenDigits32x64.Font);
        Assert.Equal(96, text.EllipsisWidth);
        var cut = Frame(400, 80);
        text.DrawLine(cut, "123456789", 0, 0, 260, TextAlign.Left, Ink.Black); // 8 cells: "12345" + "..."
        var reference = Frame(400, 80);
        text.Draw(reference, "12345...", 0, 0, Ink.Black);
        Assert.Equal(reference.BlackPlane, cut.BlackPlane);
        Assert.Equal(6, new TextRenderer(SpleenFont6x12.Font).EllipsisWidth); // our drawn U+2026
    }

    [Fact]
    public void Text_at_the_edges_or_far_outside_is_clipped_and_never_throws()
    {
        var text = new TextRenderer(SpleenFont8x16.Font) { Scale = 2 };
        var frame = Frame(64, 32);
        int[] xs = [int.MinValue, -1000, -9, 0, 60, 63, 64, int.MaxValue - 3, int.MaxValue];
        foreach (int x in xs)
            foreach (int y in xs)
            {
                text.Draw(frame, "Wide \u4F60\U0001F600", x, y, Ink.Black);
                text.DrawLine(frame, "Wide text", x, y, Math.Abs(x % 500), TextAlign.Center, Ink.Black);
                text.DrawWrapped(frame, "Wide text here", x, y, y, 3, TextAlign.Right, Ink.Black);
            }
        var clipped = Frame(64, 32);
        text.Draw(clipped, "W", -9, -9, Ink.Black);
        var w = SpleenReference.Load("8x16")['W'];
        for (int y = 0; y < 32; y++)
            for (int x = 0; x < 64; x++)
            {
                int col = (x + 9) / 2, row = (y + 9) / 2;
                Assert.Equal(col < 8 && row < 16 && w[row][col], clipped.GetPixel(x, y) == Ink.Black);
            }
    }

    private static int Index(Font font, char c)
    {
        Assert.True(font.TryGetGlyph(c, out int index));
        return index;
    }
}

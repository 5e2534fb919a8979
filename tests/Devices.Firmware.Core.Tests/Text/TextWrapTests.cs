using System;
using System.Linq;
using CsCheck;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Text;
using Devices.Firmware.Core.Text.Fonts;

namespace Devices.Firmware.Core.Tests.Text;

public class TextWrapTests
{
    private static TextRenderer Renderer()
    {
        var text = new TextRenderer(SpleenFont8x16.Font);
        text.SetExtraGlyphs([TextDrawingTests.ChineseSet()]);
        return text;
    }

    private static string[] Lines(string s, int width, int maxLines, out bool truncated)
    {
        var starts = new int[maxLines];
        var lengths = new int[maxLines];
        int count = Renderer().Wrap(s, width, maxLines, starts, lengths, out truncated);
        return Enumerable.Range(0, count).Select(i => s.Substring(starts[i], lengths[i])).ToArray();
    }

    [Fact]
    public void Words_wrap_at_spaces_and_long_words_are_cut()
    {
        Assert.Equal(["one two", "three"], Lines("one two three", 64, 5, out bool t1));
        Assert.False(t1);
        Assert.Equal(["one", "two", "three"], Lines("one   two   three  ", 40, 5, out _));
        Assert.Equal(["abcdefgh", "ijkl"], Lines("abcdefghijkl", 64, 5, out _));       // hard break
        Assert.Equal(["a", "", "b"], Lines("a\n\n  b", 64, 5, out _));                 // '\n' breaks; no leading spaces
        Assert.Equal(["ab\u4F60", "\u597Dcd"], Lines("ab\u4F60\u597Dcd", 40, 5, out _)); // CJK breaks anywhere
        Assert.Empty(Lines("", 64, 5, out bool t2));
        Assert.False(t2);
    }

    [Fact]
    public void Text_that_does_not_fit_is_truncated_with_room_for_the_ellipsis()
    {
        // 7 cells per line; the second line must keep one cell for the ellipsis.
        Assert.Equal(["Fresh", "organic", "apples"], Lines("Fresh organic apples", 56, 3, out bool t0));
        Assert.False(t0);
        string[] two = Lines("Fresh organic apples", 56, 2, out bool truncated);
        Assert.True(truncated);
        Assert.Equal(["Fresh", "organi"], two);
        Assert.Equal(["Fresh"], Lines("Fresh   ", 40, 1, out bool t2));
        Assert.False(t2); // only spaces are left over
        Assert.Equal([""], Lines("Fresh", 4, 3, out bool t3));
        Assert.True(t3); // not even one glyph fits
    }

    private static readonly Gen<string> Texts =
        Gen.Char["aaabbbcde    \n\u4F60\u597D\u0416\u00E9\u0001"].Array[0, 60].Select(chars => new string(chars));

    [Fact]
    public void Wrapped_lines_fit_keep_order_and_lose_only_break_spaces()
    {
        Gen.Select(Texts, Gen.Int[0, 160], Gen.Int[1, 6], Gen.Int[1, 3]).Sample((s, width, maxLines, scale) =>
        {
            var text = Renderer();
            text.Scale = scale;
            var starts = new int[maxLines];
            var lengths = new int[maxLines];
            int count = text.Wrap(s, width, maxLines, starts, lengths, out bool truncated);
            Assert.InRange(count, 0, maxLines);
            int previousEnd = 0;
            for (int i = 0; i < count; i++)
            {
                Assert.True(text.MeasureWidth(s, starts[i], lengths[i]) <= width, $"line {i} too wide");
                Assert.True(starts[i] >= previousEnd && lengths[i] >= 0 && starts[i] + lengths[i] <= s.Length);
                // What lies between lines is only the dropped break: spaces, at most one '\n', controls.
                string gap = s[previousEnd..starts[i]];
                Assert.True(gap.All(c => c == ' ' || c == '\n' || c == '\u0001'), $"gap '{gap}'");
                Assert.True(gap.Count(c => c == '\n') <= 1);
                if (lengths[i] > 0) Assert.NotEqual(' ', s[starts[i] + lengths[i] - 1]); // no trailing spaces
                previousEnd = starts[i] + lengths[i];
            }
            string rest = s[previousEnd..];
            if (!truncated)
                Assert.True(rest.All(c => c == ' ' || c == '\n' || c == '\u0001'), $"unwrapped rest '{rest}'");
            else
            {
                Assert.True(count == maxLines || (count > 0 && lengths[count - 1] == 0 && width < 16 * scale) || count == 0);
                if (count > 0 && text.EllipsisWidth <= width)
                    Assert.True(text.MeasureWidth(s, starts[count - 1], lengths[count - 1]) + text.EllipsisWidth <= width, "ellipsis line too wide");
            }
        }, iter: 3000);
    }

    [Fact]
    public void Latin_words_are_cut_only_when_they_are_wider_than_a_line()
    {
        Gen.Select(Gen.Char["abc  "].Array[0, 50].Select(c => new string(c)), Gen.Int[8, 120]).Sample((s, width) =>
        {
            var text = Renderer();
            var starts = new int[40];
            var lengths = new int[40];
            int count = text.Wrap(s, width, 40, starts, lengths, out bool truncated);
            Assert.False(truncated);
            for (int i = 0; i < count - 1; i++)
            {
                int end = starts[i] + lengths[i];
                if (end > 0 && end < s.Length && s[end - 1] != ' ' && s[end] != ' ')
                {
                    // Cut inside a word: the whole word must be wider than the line.
                    int a = s.LastIndexOf(' ', end - 1) + 1;
                    int b = s.IndexOf(' ', end);
                    if (b < 0) b = s.Length;
                    Assert.True(text.MeasureWidth(s, a, b - a) > width, $"word '{s[a..b]}' cut at width {width}");
                }
                // Greedy: the next line's first word would not have fitted after this line.
                int next = starts[i + 1];
                int wordEnd = s.IndexOf(' ', next);
                if (wordEnd < 0) wordEnd = s.Length;
                if (s[end..next].Contains(' ') && lengths[i] > 0)
                    Assert.True(text.MeasureWidth(s, starts[i], wordEnd - starts[i]) > width, "a word could have joined the line");
            }
        }, iter: 2000);
    }

    [Fact]
    public void Any_input_draws_without_throwing_and_stays_inside_the_clip()
    {
        var anyChar = Gen.Char[(char)0, (char)0xFFFF];
        Gen.Select(anyChar.Array[0, 30].Select(c => new string(c)), Gen.Int[-50, 150], Gen.Int[-50, 150],
            Gen.Int[-10, 200], Gen.Int[-2, 5], Gen.Int[0, 4]).Sample((s, x, y, width, lines, scale) =>
        {
            var frame = new FrameBuffer(128, 64, true);
            frame.Rotation = Core.Drawing.Rotation.Clockwise270;
            frame.SetClip(10, 20, 30, 40);
            var text = Renderer();
            text.Scale = scale;
            text.Draw(frame, s, x, y, Ink.Red);
            text.DrawLine(frame, s, x, y, width, TextAlign.Center, Ink.Black);
            text.DrawWrapped(frame, s, x, y, width, lines, TextAlign.Right, Ink.Black);
            text.Wrap(s, width, lines, new int[Math.Max(0, lines)], new int[1], out _);
            for (int py = 0; py < frame.Height; py++)
                for (int px = 0; px < frame.Width; px++)
                    if (px < 10 || px >= 40 || py < 20 || py >= 60) Assert.Equal(Ink.White, frame.GetPixel(px, py));
        }, iter: 500);
    }
}

using Devices.Firmware.Core.Drawing;

namespace Devices.Firmware.Core.Text
{
    /// <summary>
    /// Measures, wraps and draws text with one font, optional extra glyph sets and an integer scale.
    /// </summary>
    /// <remarks>
    /// Each character is looked up in the font first, then in the extra sets in order, and otherwise drawn as a
    /// hollow box the width of the font's cell. Control characters (and zero-width marks) take no space and draw
    /// nothing; a surrogate pair counts as one unknown character. Glyphs of different heights share one line box
    /// (the tallest cell) and are centred in it vertically. Nothing here throws or allocates per glyph.
    /// </remarks>
    public sealed class TextRenderer
    {
        private const int Invisible = -2;
        private const int Missing = -1;
        private const int MaxScale = 16;

        private readonly Font _font;
        private GlyphSet[] _extras;
        private int _scale;
        private int _cellHeight; // tallest cell of font and extras, unscaled
        private int[] _lineStarts;
        private int[] _lineLengths;

        // Out values of Resolve, kept in fields so lookups stay allocation-free and the signatures short.
        private GlyphSet? _set;
        private int _glyph;

        public TextRenderer(Font font)
        {
            if (font == null) throw new System.ArgumentException("A text renderer needs a font.");
            _font = font;
            _extras = new GlyphSet[0];
            _scale = 1;
            _cellHeight = font.Height;
            _lineStarts = new int[4];
            _lineLengths = new int[4];
        }

        public Font Font { get { return _font; } }

        /// <summary>Integer magnification, 1 to 16 (values outside are clamped).</summary>
        public int Scale
        {
            get { return _scale; }
            set { _scale = value < 1 ? 1 : (value > MaxScale ? MaxScale : value); }
        }

        /// <summary>Extra glyphs consulted after the font (e.g. Chinese characters sent with the content). Null clears.</summary>
        public void SetExtraGlyphs(GlyphSet[]? sets)
        {
            int count = 0;
            if (sets != null)
                for (int i = 0; i < sets.Length; i++) if (sets[i] != null) count++;
            _extras = new GlyphSet[count];
            _cellHeight = _font.Height;
            count = 0;
            if (sets != null)
            {
                for (int i = 0; i < sets.Length; i++)
                {
                    if (sets[i] == null) continue;
                    _extras[count++] = sets[i];
                    if (sets[i].Height > _cellHeight) _cellHeight = sets[i].Height;
                }
            }
        }

        /// <summary>Height of one line in pixels: the tallest cell times the scale.</summary>
        public int LineHeight { get { return _cellHeight * _scale; } }

        /// <summary>Pixels from the top of the line box to the font's baseline.</summary>
        public int Baseline { get { return ((_cellHeight - _font.Height) / 2 + _font.Ascent) * _scale; } }

        public int MeasureWidth(string? text)
        {
            return text == null ? 0 : MeasureWidth(text, 0, text.Length);
        }

        public int MeasureWidth(string? text, int start, int length)
        {
            int end;
            if (!Range(text, ref start, length, out end)) return 0;
            int width = 0;
            int i = start;
            while (i < end)
            {
                i += Resolve(text!, i, end);
                width += AdvanceOfResolved();
            }
            return width * _scale;
        }

        /// <summary>Width of the ellipsis: U+2026 when a glyph has it, else three periods.</summary>
        public int EllipsisWidth
        {
            get
            {
                if (HasGlyph('\u2026')) return AdvanceOfResolved() * _scale;
                ResolveChar('.');
                return 3 * AdvanceOfResolved() * _scale;
            }
        }

        /// <summary>
        /// How many characters of text[start, start + length) fit into <paramref name="width"/> pixels, whole glyphs
        /// only (a surrogate pair is never split).
        /// </summary>
        public int FitLength(string? text, int start, int length, int width)
        {
            int end;
            if (!Range(text, ref start, length, out end)) return 0;
            int x = 0;
            int i = start;
            while (i < end)
            {
                int consumed = Resolve(text!, i, end);
                int advance = AdvanceOfResolved() * _scale;
                if (advance > 0 && x + advance > width) break;
                x += advance;
                i += consumed;
            }
            return i - start;
        }

        /// <summary>
        /// Breaks text into at most <paramref name="maxLines"/> lines no wider than <paramref name="width"/>.
        /// Lines break at spaces (spaces at the start and end of a line are dropped), before and after CJK
        /// characters, at '\n', and inside a word that is too long for a line. When text is left over,
        /// <paramref name="truncated"/> is true and the last line is shortened so that an ellipsis fits after it
        /// (when the ellipsis fits the width at all).
        /// </summary>
        /// <returns>The number of lines written to lineStarts/lineLengths (limited by their lengths too).</returns>
        public int Wrap(string? text, int width, int maxLines, int[]? lineStarts, int[]? lineLengths, out bool truncated)
        {
            truncated = false;
            if (text == null || text.Length == 0) return 0;
            if (lineStarts == null || lineLengths == null) maxLines = 0;
            else
            {
                if (maxLines > lineStarts.Length) maxLines = lineStarts.Length;
                if (maxLines > lineLengths.Length) maxLines = lineLengths.Length;
            }
            int n = text.Length;
            int pos = 0;
            int count = 0;
            bool stuck = false;
            while (count < maxLines && !stuck)
            {
                pos = SkipSpaces(text, pos); // lines never start (or end) with a space
                if (pos >= n) break;
                int lineStart = pos, x = 0, i = pos, lastBreak = -1, end, next;
                while (true)
                {
                    if (i >= n) { end = TrimEnd(text, lineStart, n); next = n; break; }
                    char c = text[i];
                    if (c == '\n') { end = TrimEnd(text, lineStart, i); next = i + 1; break; }
                    if (i > lineStart && IsBreakBefore(text, i)) lastBreak = i;
                    int consumed = Resolve(text, i, n);
                    int advance = AdvanceOfResolved() * _scale;
                    if (advance > 0 && x + advance > width)
                    {
                        if (c == ' ') { end = TrimEnd(text, lineStart, i); next = SkipSpaces(text, i); }
                        else if (lastBreak > lineStart) { end = lastBreak; next = SkipSpaces(text, lastBreak); }
                        else if (i > lineStart) { end = i; next = i; }
                        else { end = i; next = i; stuck = true; } // not even one glyph fits
                        break;
                    }
                    x += advance;
                    i += consumed;
                }
                lineStarts![count] = lineStart;
                lineLengths![count] = end - lineStart;
                count++;
                pos = next;
            }
            truncated = stuck || HasVisibleText(text, pos);
            if (truncated && count > 0)
            {
                int room = width - EllipsisWidth;
                int last = count - 1;
                if (room >= 0)
                {
                    int fit = FitLength(text, lineStarts![last], lineLengths![last], room);
                    lineLengths[last] = TrimEnd(text, lineStarts[last], lineStarts[last] + fit) - lineStarts[last];
                }
            }
            return count;
        }

        /// <summary>Draws text with its line box's top-left corner at (x, y). No wrapping, no truncation.</summary>
        public void Draw(FrameBuffer frame, string? text, int x, int y, Ink ink)
        {
            if (text != null) Draw(frame, text, 0, text.Length, x, y, ink);
        }

        /// <summary>Draws text[start, start + length) with its line box's top-left corner at (x, y).</summary>
        public void Draw(FrameBuffer frame, string? text, int start, int length, int x, int y, Ink ink)
        {
            DrawRun(frame, text, start, length, x, y, ink);
        }

        /// <summary>
        /// Draws one line aligned within a box <paramref name="width"/> pixels wide, cut short with an ellipsis when
        /// it does not fit. Line breaks and control characters are not drawn.
        /// </summary>
        public void DrawLine(FrameBuffer frame, string? text, int x, int y, int width, TextAlign align, Ink ink)
        {
            if (frame == null || text == null || width <= 0) return;
            int length = text.Length;
            bool ellipsis = false;
            if (MeasureWidth(text, 0, length) > width)
            {
                int room = width - EllipsisWidth;
                ellipsis = room >= 0;
                length = TrimEnd(text, 0, FitLength(text, 0, length, ellipsis ? room : width));
            }
            DrawAligned(frame, text, 0, length, ellipsis, x, y, width, align, ink);
        }

        /// <summary>
        /// Wraps text into at most <paramref name="maxLines"/> lines of <paramref name="width"/> pixels and draws them
        /// one <see cref="LineHeight"/> apart, aligned, with an ellipsis when truncated.
        /// </summary>
        /// <returns>Number of lines drawn.</returns>
        public int DrawWrapped(FrameBuffer frame, string? text, int x, int y, int width, int maxLines, TextAlign align, Ink ink)
        {
            if (frame == null || text == null || maxLines <= 0) return 0;
            if (maxLines > 64) maxLines = 64;
            if (_lineStarts.Length < maxLines)
            {
                _lineStarts = new int[maxLines];
                _lineLengths = new int[maxLines];
            }
            bool truncated;
            int count = Wrap(text, width, maxLines, _lineStarts, _lineLengths, out truncated);
            DrawLines(frame, text, _lineStarts, _lineLengths, count, truncated, x, y, width, align, ink);
            return count;
        }

        /// <summary>Draws lines produced by <see cref="Wrap"/>; the last one gets an ellipsis when truncated.</summary>
        public void DrawLines(FrameBuffer frame, string? text, int[]? lineStarts, int[]? lineLengths, int count, bool truncated,
            int x, int y, int width, TextAlign align, Ink ink)
        {
            if (frame == null || text == null || lineStarts == null || lineLengths == null) return;
            if (count > lineStarts.Length) count = lineStarts.Length;
            if (count > lineLengths.Length) count = lineLengths.Length;
            int lineHeight = LineHeight;
            for (int line = 0; line < count; line++)
            {
                int top = y + line * lineHeight;
                if (top >= frame.Height) break;
                bool ellipsis = truncated && line == count - 1 && EllipsisWidth <= width;
                DrawAligned(frame, text, lineStarts[line], lineLengths[line], ellipsis, x, top, width, align, ink);
            }
        }

        private void DrawAligned(FrameBuffer frame, string text, int start, int length, bool ellipsis,
            int x, int y, int width, TextAlign align, Ink ink)
        {
            int lineWidth = MeasureWidth(text, start, length) + (ellipsis ? EllipsisWidth : 0);
            int left = x;
            if (align == TextAlign.Center) left = x + (width - lineWidth) / 2;
            else if (align == TextAlign.Right) left = x + width - lineWidth;
            int penX = DrawRun(frame, text, start, length, left, y, ink);
            if (!ellipsis) return;
            if (HasGlyph('\u2026')) DrawRun(frame, "\u2026", 0, 1, penX, y, ink);
            else DrawRun(frame, "...", 0, 3, penX, y, ink);
        }

        /// <returns>The pen's x after the run (or where drawing stopped at the frame's right edge).</returns>
        private int DrawRun(FrameBuffer frame, string? text, int start, int length, int x, int y, Ink ink)
        {
            int end;
            if (frame == null || !Range(text, ref start, length, out end)) return x;
            if (y >= frame.Height || y < -LineHeight) return x; // also keeps y + offsets far from overflow
            int i = start;
            while (i < end && x < frame.Width)
            {
                i += Resolve(text!, i, end);
                int advance = AdvanceOfResolved() * _scale;
                if (x + advance > 0) DrawResolved(frame, x, y, ink);
                x += advance;
            }
            return x;
        }

        private void DrawResolved(FrameBuffer frame, int x, int y, Ink ink)
        {
            if (_glyph == Invisible) return;
            if (_glyph == Missing)
            {
                // A hollow box over the font's capital height: visibly "a character we cannot show".
                int top = y + ((_cellHeight - _font.Height) / 2 + 1) * _scale;
                int boxWidth = (_font.Width - 1) * _scale;
                int boxHeight = (_font.Ascent - 1) * _scale;
                frame.DrawRect(x, top, boxWidth, boxHeight, _scale, ink);
                return;
            }
            GlyphSet set = _set!;
            int glyphTop = y + ((_cellHeight - set.Height) / 2) * _scale;
            frame.DrawBitmap(set.Bitmaps, _glyph * set.BytesPerGlyph, set.BytesPerRow, set.Width, set.Height,
                x, glyphTop, _scale, ink);
        }

        private bool HasGlyph(char c)
        {
            ResolveChar(c);
            return _glyph >= 0;
        }

        /// <summary>Finds the glyph for text[i] (into _set/_glyph); returns how many chars it covers.</summary>
        private int Resolve(string text, int i, int end)
        {
            char c = text[i];
            _set = null;
            if (c >= 0xD800 && c <= 0xDFFF)
            {
                _glyph = Missing;
                return c <= 0xDBFF && i + 1 < end && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF ? 2 : 1;
            }
            ResolveChar(c);
            return 1;
        }

        private void ResolveChar(char c)
        {
            _set = null;
            if (c >= 0xD800 && c <= 0xDFFF)
            {
                _glyph = Missing;
                return;
            }
            if (c < 0x20 || (c >= 0x7F && c < 0xA0) || (c >= 0x200B && c <= 0x200F) || c == 0xFEFF)
            {
                _glyph = Invisible;
                return;
            }
            int index;
            if (_font.Glyphs.TryGetGlyph(c, out index)) { _set = _font.Glyphs; _glyph = index; return; }
            for (int s = 0; s < _extras.Length; s++)
            {
                if (_extras[s].TryGetGlyph(c, out index)) { _set = _extras[s]; _glyph = index; return; }
            }
            _glyph = Missing;
        }

        private int AdvanceOfResolved()
        {
            if (_glyph == Invisible) return 0;
            if (_glyph == Missing) return _font.Width;
            return _set!.Width;
        }

        /// <summary>Line breaks are allowed before a space, and before or after a CJK character.</summary>
        private static bool IsBreakBefore(string text, int i)
        {
            char previous = text[i - 1];
            if (previous == ' ') return false; // break at the first space of a run
            char c = text[i];
            return c == ' ' || IsCjk(c) || IsCjk(previous);
        }

        /// <summary>Scripts written without spaces, where a line may break between any two characters.</summary>
        private static bool IsCjk(char c)
        {
            return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0xFF00 && c <= 0xFFEF);
        }

        private static int TrimEnd(string text, int start, int end)
        {
            while (end > start && text[end - 1] == ' ') end--;
            return end;
        }

        private static int SkipSpaces(string text, int i)
        {
            while (i < text.Length && text[i] == ' ') i++;
            return i;
        }

        private bool HasVisibleText(string text, int from)
        {
            for (int i = from; i < text.Length; i++)
            {
                char c = text[i];
                if (c == ' ') continue;
                Resolve(text, i, text.Length);
                if (_glyph != Invisible) return true;
            }
            return false;
        }

        /// <summary>Clamps start/length to the string; false when there is nothing to do.</summary>
        private static bool Range(string? text, ref int start, int length, out int end)
        {
            end = 0;
            if (text == null || length <= 0) return false;
            if (start < 0) { length += start; start = 0; }
            if (start >= text.Length || length <= 0) return false;
            end = length > text.Length - start ? text.Length : start + length;
            return true;
        }
    }
}

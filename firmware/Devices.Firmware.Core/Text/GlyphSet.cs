using System;

namespace Devices.Firmware.Core.Text
{
    /// <summary>
    /// Bitmaps for a sorted list of characters, all of one cell size. The built-in fonts are glyph sets, and so are
    /// the extra glyphs (e.g. 16×16 Chinese characters) the gateway sends inside a label's content.
    /// </summary>
    /// <remarks>
    /// Codes are UTF-16 code units, two bytes each, big-endian, strictly ascending. Bitmaps hold one glyph after
    /// another, each <see cref="Height"/> rows of <see cref="BytesPerRow"/> bytes, MSB = leftmost pixel, 1 = ink.
    /// The arrays are kept, not copied.
    /// </remarks>
    public sealed class GlyphSet
    {
        private readonly byte[] _codes;
        private readonly byte[] _bitmaps;

        /// <exception cref="ArgumentException">The arrays do not describe a valid set (one clear message).</exception>
        public GlyphSet(byte[] codes, byte[] bitmaps, int width, int height)
        {
            if (codes == null || bitmaps == null) throw new ArgumentException("A glyph set needs codes and bitmaps.");
            if (width < 1 || width > 64 || height < 1 || height > 64)
                throw new ArgumentException("Glyphs are 1 to 64 pixels wide and high.");
            if ((codes.Length & 1) != 0) throw new ArgumentException("Glyph codes are two bytes each.");
            int count = codes.Length / 2;
            int bytesPerRow = (width + 7) / 8;
            if (bitmaps.Length != count * bytesPerRow * height)
                throw new ArgumentException(string.Concat("Glyph bitmaps must be ", (count * bytesPerRow * height).ToString(),
                    " bytes for ", count.ToString(), " glyphs."));
            for (int i = 1; i < count; i++)
            {
                if (CodeAt(codes, i) <= CodeAt(codes, i - 1))
                    throw new ArgumentException("Glyph codes must be strictly ascending.");
            }
            _codes = codes;
            _bitmaps = bitmaps;
            Count = count;
            Width = width;
            Height = height;
            BytesPerRow = bytesPerRow;
            BytesPerGlyph = bytesPerRow * height;
        }

        public int Count { get; private set; }
        /// <summary>Cell width in pixels; also the advance of every glyph in the set.</summary>
        public int Width { get; private set; }
        public int Height { get; private set; }
        public int BytesPerRow { get; private set; }
        public int BytesPerGlyph { get; private set; }

        /// <summary>All bitmaps; glyph i starts at i × <see cref="BytesPerGlyph"/>.</summary>
        public byte[] Bitmaps { get { return _bitmaps; } }

        public char CodeOf(int index)
        {
            return (char)CodeAt(_codes, index);
        }

        /// <summary>Binary search for <paramref name="c"/>; index is -1 when the set has no such glyph.</summary>
        public bool TryGetGlyph(char c, out int index)
        {
            int lo = 0, hi = Count - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                int code = CodeAt(_codes, mid);
                if (code == c) { index = mid; return true; }
                if (code < c) lo = mid + 1;
                else hi = mid - 1;
            }
            index = -1;
            return false;
        }

        private static int CodeAt(byte[] codes, int index)
        {
            return (codes[2 * index] << 8) | codes[2 * index + 1];
        }
    }
}

using Devices.Firmware.Core.Text;

namespace Devices.Firmware.Core.Layouts
{
    /// <summary>Where a glyph's ink starts inside its cell: lets small superscript digits line up with the top of
    /// big digits exactly, whatever blank rows a font keeps above its figures.</summary>
    internal static class GlyphInk
    {
        /// <summary>First row of the cell with ink in glyph <paramref name="c"/>; 0 when the font lacks it.</summary>
        public static int Top(Font font, char c)
        {
            int index;
            if (!font.TryGetGlyph(c, out index)) return 0;
            GlyphSet glyphs = font.Glyphs;
            int start = index * glyphs.BytesPerGlyph;
            for (int row = 0; row < glyphs.Height; row++)
                for (int b = 0; b < glyphs.BytesPerRow; b++)
                    if (glyphs.Bitmaps[start + row * glyphs.BytesPerRow + b] != 0) return row;
            return 0;
        }

        /// <summary>True when every character of <paramref name="text"/> has a glyph in the font.</summary>
        public static bool Covers(Font font, string text)
        {
            int index;
            for (int i = 0; i < text.Length; i++)
                if (!font.TryGetGlyph(text[i], out index)) return false;
            return true;
        }
    }
}

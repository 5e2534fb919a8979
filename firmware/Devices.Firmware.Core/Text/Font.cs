using System;

namespace Devices.Firmware.Core.Text
{
    /// <summary>
    /// A monospaced bitmap font: a glyph set plus where the baseline sits in the cell. Every glyph advances the pen by
    /// <see cref="Width"/> pixels (Spleen is monospaced).
    /// </summary>
    public sealed class Font
    {
        public Font(string name, GlyphSet glyphs, int ascent)
        {
            if (glyphs == null) throw new ArgumentException("A font needs glyphs.");
            if (ascent < 0 || ascent > glyphs.Height) throw new ArgumentException("The ascent lies within the glyph cell.");
            Name = name == null ? "" : name;
            Glyphs = glyphs;
            Ascent = ascent;
        }

        public string Name { get; private set; }
        public GlyphSet Glyphs { get; private set; }

        /// <summary>Cell width in pixels.</summary>
        public int Width { get { return Glyphs.Width; } }
        /// <summary>Cell height in pixels (line height at scale 1).</summary>
        public int Height { get { return Glyphs.Height; } }
        /// <summary>Rows from the top of the cell down to the baseline (capital letters stand on it).</summary>
        public int Ascent { get; private set; }
        /// <summary>Rows below the baseline.</summary>
        public int Descent { get { return Glyphs.Height - Ascent; } }
        /// <summary>How far every glyph moves the pen, in pixels at scale 1.</summary>
        public int Advance { get { return Glyphs.Width; } }

        public bool TryGetGlyph(char c, out int index)
        {
            return Glyphs.TryGetGlyph(c, out index);
        }
    }
}

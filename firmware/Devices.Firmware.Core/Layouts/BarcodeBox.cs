using Devices.Firmware.Core.Codes;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Text;

namespace Devices.Firmware.Core.Layouts
{
    /// <summary>
    /// An EAN-13 symbol fitted into a box: quiet zones inside the box, guard bars longer than data bars, and the
    /// human-readable digits under the bars (the first one left of the start guard), as on any grocery pack.
    /// The pattern is reused and re-encoded only when the digits change.
    /// </summary>
    internal sealed class BarcodeBox
    {
        private readonly BarPattern _pattern = new BarPattern();
        private string _encodedDigits = "";
        private bool _valid;
        private string _encodeError = "";
        private Font? _digitFont;

        public int Scale { get; private set; }
        /// <summary>Width of the box including both quiet zones, in pixels.</summary>
        public int Width { get; private set; }
        public int Height { get; private set; }
        public string Problem { get; private set; } = "";

        public static int TotalModules { get { return Ean13.QuietZoneLeft + 95 + Ean13.QuietZoneRight; } }

        /// <summary>
        /// Fits the symbol into maxWidth × maxHeight at the largest scale up to <paramref name="maxScale"/>.
        /// <paramref name="fonts"/> are candidates for the digits, largest first.
        /// </summary>
        public bool EncodeAndFit(string digits, int maxWidth, int maxHeight, int minModulePixels, int maxScale, Font[] fonts)
        {
            Scale = 0;
            Width = 0;
            Height = 0;
            Problem = "";
            if (digits == null) digits = "";
            if (!_valid || digits != _encodedDigits)
            {
                // Strings compare by value: re-rendering the same label encodes nothing and allocates nothing.
                string error;
                _valid = Ean13.TryEncode(digits, _pattern, out error);
                _encodeError = error;
                _encodedDigits = digits;
            }
            if (!_valid)
            {
                Problem = string.Concat("EAN-13 not drawn: ", _encodeError);
                return false;
            }
            int scale = maxWidth / TotalModules;
            if (scale > maxScale) scale = maxScale;
            _digitFont = null;
            for (int i = 0; i < fonts.Length; i++)
            {
                // A digit sits in a 7-module cell; leave bars at least twice as tall as the digits.
                if (fonts[i].Width <= 7 * scale - 2 && fonts[i].Height * 3 <= maxHeight) { _digitFont = fonts[i]; break; }
            }
            int barHeight = maxHeight - (_digitFont == null ? 0 : _digitFont.Height + 1);
            if (scale < minModulePixels || _digitFont == null || barHeight < 16)
            {
                Problem = string.Concat(new string[]
                {
                    "EAN-13 not drawn: needs ", (TotalModules * minModulePixels).ToString(), " px × 40 px at ",
                    minModulePixels.ToString(), " px/module, only ", maxWidth.ToString(), " × ", maxHeight.ToString(), " px here",
                });
                return false;
            }
            Scale = scale;
            Width = TotalModules * scale;
            Height = maxHeight;
            return true;
        }

        public void Draw(FrameBuffer frame, int x, int y)
        {
            if (Scale == 0 || _digitFont == null) return;
            Font font = _digitFont;
            frame.FillRect(x, y, Width, Height, Ink.White);
            int barsLeft = x + Ean13.QuietZoneLeft * Scale;
            int dataHeight = Height - font.Height - 1;
            int guardHeight = dataHeight + font.Height / 2;
            int module = 0;
            for (int run = 0; run < _pattern.RunCount; run++)
            {
                int width = _pattern.GetRunWidth(run);
                if ((run & 1) == 0)
                {
                    int h = _pattern.IsGuard(module) ? guardHeight : dataHeight;
                    frame.FillRect(barsLeft + module * Scale, y, width * Scale, h, Ink.Black);
                }
                module += width;
            }
            // Text is "d dddddd dddddd": digit 0 stands in the quiet zone, then six under each half.
            string text = _pattern.Text;
            int digitTop = y + dataHeight + 1;
            int cell = 7 * Scale;
            DrawDigit(frame, font, text[0], barsLeft - cell + (cell - font.Width) / 2 - Scale, digitTop);
            for (int i = 0; i < 6; i++)
            {
                DrawDigit(frame, font, text[2 + i], barsLeft + (3 + 7 * i) * Scale + (cell - font.Width) / 2, digitTop);
                DrawDigit(frame, font, text[9 + i], barsLeft + (50 + 7 * i) * Scale + (cell - font.Width) / 2, digitTop);
            }
        }

        private static void DrawDigit(FrameBuffer frame, Font font, char c, int x, int y)
        {
            int index;
            if (!font.TryGetGlyph(c, out index)) return;
            GlyphSet glyphs = font.Glyphs;
            frame.DrawBitmap(glyphs.Bitmaps, index * glyphs.BytesPerGlyph, glyphs.BytesPerRow, glyphs.Width, glyphs.Height, x, y, 1, Ink.Black);
        }
    }
}

using Devices.Firmware.Core.Codes;
using Devices.Firmware.Core.Drawing;

namespace Devices.Firmware.Core.Layouts
{
    /// <summary>
    /// A QR code fitted into a square: encodes into a reused symbol (only when the text changes), picks the largest
    /// whole number of pixels per module that leaves at least <see cref="ScanRule.MinQrQuietModules"/> light
    /// modules all round (up to <see cref="ScanRule.PreferredQrQuietModules"/> when there is room), and draws it.
    /// </summary>
    internal sealed class QrBox
    {
        private readonly QrEncoder _encoder = new QrEncoder();
        private readonly QrCode _code = new QrCode();
        // What _code holds, so that drawing the same link again skips the encoder.
        private string _codeText = "";
        private QrEcc _codeEcc;
        private bool _codeValid;

        /// <summary>Pixels per module after a successful fit; 0 otherwise.</summary>
        public int Scale { get; private set; }
        /// <summary>Light modules each side after a successful fit.</summary>
        public int QuietModules { get; private set; }
        /// <summary>Side of the whole box (code and quiet zone) in pixels after a successful fit.</summary>
        public int Side { get; private set; }
        public string Problem { get; private set; } = "";

        /// <summary>Encodes <paramref name="text"/> at the given level, or at Low when that is what it takes to fit
        /// <paramref name="maxSide"/>. False (with <see cref="Problem"/>) when no scannable code fits.</summary>
        public bool EncodeAndFit(string text, QrEcc ecc, int maxSide, int minModulePixels)
        {
            Scale = 0;
            Side = 0;
            QuietModules = 0;
            Problem = "";
            if (text == null || text.Length == 0)
            {
                Problem = "no code data";
                return false;
            }
            if (Encode(text, ecc) && Fit(maxSide, minModulePixels)) return true;
            if (ecc != QrEcc.Low && Encode(text, QrEcc.Low) && Fit(maxSide, minModulePixels)) return true;
            if (_codeValid)
            {
                // Encoded, but even at level L the modules would be smaller than the scan rule allows.
                Problem = string.Concat(new string[]
                {
                    "QR code not drawn: version ", _code.Version.ToString(), " (", _code.Size.ToString(),
                    " modules) needs ", ((_code.Size + 2 * ScanRule.MinQrQuietModules) * minModulePixels).ToString(),
                    " px at ", minModulePixels.ToString(), " px/module, only ", maxSide.ToString(), " px here; shorten the link",
                });
            }
            return false;
        }

        /// <summary>Pixels per module the current symbol would get in a square of <paramref name="maxSide"/>.</summary>
        public int ScaleFor(int maxSide)
        {
            return _codeValid ? maxSide / (_code.Size + 2 * ScanRule.MinQrQuietModules) : 0;
        }

        /// <summary>Sizes the current symbol for a square of <paramref name="maxSide"/> pixels.</summary>
        public bool Fit(int maxSide, int minModulePixels)
        {
            Scale = 0;
            Side = 0;
            QuietModules = 0;
            int scale = ScaleFor(maxSide);
            if (scale < minModulePixels || scale < 1) return false;
            int size = _code.Size;
            int quiet = (maxSide / scale - size) / 2;
            if (quiet > ScanRule.PreferredQrQuietModules) quiet = ScanRule.PreferredQrQuietModules;
            Scale = scale;
            QuietModules = quiet;
            Side = (size + 2 * quiet) * scale;
            return true;
        }

        private bool Encode(string text, QrEcc ecc)
        {
            if (_codeValid && ecc == _codeEcc && text == _codeText) return true;
            _codeValid = _encoder.EncodeText(text, ecc, 1, QrEncoder.AutoMask, _code) == QrStatus.Ok;
            _codeText = text;
            _codeEcc = ecc;
            if (!_codeValid) Problem = string.Concat("QR code not drawn: ", _encoder.LastError);
            return _codeValid;
        }

        /// <summary>Draws the fitted box (quiet zone cleared to white) with its top-left corner at (x, y).</summary>
        public void Draw(FrameBuffer frame, int x, int y)
        {
            if (!_codeValid || Scale == 0) return;
            frame.FillRect(x, y, Side, Side, Ink.White);
            int size = _code.Size;
            int left = x + QuietModules * Scale;
            int top = y + QuietModules * Scale;
            for (int row = 0; row < size; row++)
            {
                int col = 0;
                while (col < size)
                {
                    if (!_code.IsDark(col, row)) { col++; continue; }
                    int start = col;
                    while (col < size && _code.IsDark(col, row)) col++;
                    frame.FillRect(left + start * Scale, top + row * Scale, (col - start) * Scale, Scale, Ink.Black);
                }
            }
        }
    }
}

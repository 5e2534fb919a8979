using Devices.Firmware.Core.Codes;
using Devices.Firmware.Core.Drawing;

namespace Devices.Firmware.Core.Layouts
{
    /// <summary>
    /// A QR code fitted into a square: encodes once into a reused symbol, picks the largest whole number of pixels
    /// per module that leaves at least <see cref="ScanRule.MinQrQuietModules"/> light modules all round, and draws it.
    /// </summary>
    internal sealed class QrBox
    {
        private readonly QrEncoder _encoder = new QrEncoder();
        private readonly QrCode _code = new QrCode();
        private bool _encoded;

        /// <summary>Pixels per module after <see cref="Fit"/>.</summary>
        public int Scale { get; private set; }
        /// <summary>Light modules each side after <see cref="Fit"/>.</summary>
        public int QuietModules { get; private set; }
        /// <summary>Side of the whole box (code and quiet zone) in pixels after <see cref="Fit"/>.</summary>
        public int Side { get; private set; }
        public QrCode Code { get { return _code; } }
        public string Problem { get; private set; } = "";

        /// <summary>Encodes <paramref name="text"/> at the given level, or at Low when that is what it takes to fit
        /// <paramref name="maxSide"/>. False (with <see cref="Problem"/>) when no scannable code fits.</summary>
        public bool EncodeAndFit(string text, QrEcc ecc, int maxSide, int minModulePixels)
        {
            _encoded = false;
            Scale = 0;
            Side = 0;
            QuietModules = 0;
            Problem = "";
            if (text == null || text.Length == 0)
            {
                Problem = "no code data";
                return false;
            }
            if (TryLevel(text, ecc, maxSide, minModulePixels)) return true;
            if (ecc != QrEcc.Low && _encoded && TryLevel(text, QrEcc.Low, maxSide, minModulePixels)) return true;
            if (Problem.Length == 0)
            {
                // Encoded, but even at Low the modules would be smaller than the scan rule allows.
                Problem = string.Concat(new string[]
                {
                    "QR code not drawn: version ", _code.Version.ToString(), " (", _code.Size.ToString(),
                    " modules) needs ", ((_code.Size + 2 * ScanRule.MinQrQuietModules) * minModulePixels).ToString(),
                    " px at ", minModulePixels.ToString(), " px/module, only ", maxSide.ToString(), " px here; shorten the link",
                });
            }
            _encoded = false;
            return false;
        }

        private bool TryLevel(string text, QrEcc ecc, int maxSide, int minModulePixels)
        {
            if (_encoder.EncodeText(text, ecc, 1, QrEncoder.AutoMask, _code) != QrStatus.Ok)
            {
                Problem = string.Concat("QR code not drawn: ", _encoder.LastError);
                _encoded = false;
                return false;
            }
            _encoded = true;
            int size = _code.Size;
            int scale = maxSide / (size + 2 * ScanRule.MinQrQuietModules);
            if (scale < minModulePixels) return false;
            int quiet = (maxSide / scale - size) / 2;
            if (quiet > ScanRule.PreferredQrQuietModules) quiet = ScanRule.PreferredQrQuietModules;
            Scale = scale;
            QuietModules = quiet;
            Side = (size + 2 * quiet) * scale;
            return true;
        }

        /// <summary>Draws the fitted box (quiet zone cleared to white) with its top-left corner at (x, y).</summary>
        public void Draw(FrameBuffer frame, int x, int y)
        {
            if (!_encoded || Scale == 0) return;
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

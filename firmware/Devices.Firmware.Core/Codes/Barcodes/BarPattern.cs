using System;

namespace Devices.Firmware.Core.Codes
{
    /// <summary>Which linear symbology produced a <see cref="BarPattern"/>.</summary>
    public enum Symbology
    {
        None = 0,
        Ean13 = 1,
        UpcA = 2,
        Code128 = 3,
    }

    /// <summary>
    /// A one-row barcode as drawing code needs it: runs of module widths (bar, space, bar, ... starting with a bar
    /// and ending with a bar), the quiet zone each side, the human-readable text and, for EAN/UPC, which modules
    /// belong to guard bars (printed longer than data bars). Reusable: encoders overwrite it, and its buffers
    /// grow only when a longer symbol arrives, so encoding into the same instance again allocates nothing.
    /// </summary>
    public sealed class BarPattern
    {
        private byte[] _runs;
        private bool[] _modules;
        private bool[] _guards;
        private char[] _text;
        private int _runCount;
        private int _moduleCount;
        private int _textLength;
        private string? _textString;

        public BarPattern()
        {
            // Enough for EAN-13/UPC-A (95 modules, 59 runs) and Code 128 of about 20 characters.
            _runs = new byte[128];
            _modules = new bool[256];
            _guards = new bool[256];
            _text = new char[32];
            _textString = string.Empty;
        }

        public Symbology Symbology { get; private set; }

        /// <summary>Width of the symbol in modules, quiet zones not included.</summary>
        public int ModuleCount { get { return _moduleCount; } }

        /// <summary>Number of runs; even-numbered runs (0, 2, ...) are bars, odd-numbered runs are spaces.</summary>
        public int RunCount { get { return _runCount; } }

        /// <summary>Light modules required left of the first bar.</summary>
        public int QuietZoneLeft { get; private set; }

        /// <summary>Light modules required right of the last bar.</summary>
        public int QuietZoneRight { get; private set; }

        /// <summary>Width in modules of run <paramref name="index"/> (1 to 4).</summary>
        public int GetRunWidth(int index)
        {
            if (index < 0 || index >= _runCount)
                throw new ArgumentOutOfRangeException("index");
            return _runs[index];
        }

        /// <summary>True when module <paramref name="module"/> (0 = first module after the left quiet zone) is dark.</summary>
        public bool IsBar(int module)
        {
            if (module < 0 || module >= _moduleCount)
                throw new ArgumentOutOfRangeException("module");
            return _modules[module];
        }

        /// <summary>
        /// True when module <paramref name="module"/> is part of a bar printed at guard height (longer than data
        /// bars): the EAN/UPC start, centre and end guards, and for UPC-A also the bars of the first and last digit,
        /// which are printed at guard height too. Always false for Code 128.
        /// </summary>
        public bool IsGuard(int module)
        {
            if (module < 0 || module >= _moduleCount)
                throw new ArgumentOutOfRangeException("module");
            return _guards[module];
        }

        /// <summary>
        /// The text printed under the symbol: EAN-13 "5 901234 123457", UPC-A "0 36000 29145 2" (groups as printed:
        /// the single digits stand outside the guards), Code 128 the data itself.
        /// </summary>
        public string Text
        {
            get
            {
                // Built on first use, so encoders that only draw bars allocate nothing.
                if (_textString == null)
                    _textString = new string(_text, 0, _textLength);
                return _textString;
            }
        }

        // ---- Used by the encoders ----

        internal void Start(Symbology symbology, int quietZoneLeft, int quietZoneRight)
        {
            Symbology = symbology;
            QuietZoneLeft = quietZoneLeft;
            QuietZoneRight = quietZoneRight;
            _runCount = 0;
            _moduleCount = 0;
            _textLength = 0;
            _textString = null;
        }

        /// <summary>Empties the pattern after a failed encode, so no stale symbol is drawn by mistake.</summary>
        internal void Clear()
        {
            Start(Symbology.None, 0, 0);
            _textString = string.Empty;
        }

        /// <summary>Appends runs given as digits of a width pattern (e.g. 211214), alternating colours, the
        /// first one dark when <paramref name="firstIsBar"/>.</summary>
        internal void AppendWidths(int widths, int digitCount, bool firstIsBar, bool guard)
        {
            int divisor = 1;
            for (int i = 1; i < digitCount; i++)
                divisor *= 10;
            bool bar = firstIsBar;
            for (int i = 0; i < digitCount; i++)
            {
                AppendRun(bar, (widths / divisor) % 10, guard);
                divisor /= 10;
                bar = !bar;
            }
        }

        /// <summary>Appends <paramref name="width"/> modules of one colour, merging with the previous run when it
        /// has the same colour (EAN/UPC digit patterns can meet that way).</summary>
        internal void AppendRun(bool bar, int width, bool guard)
        {
            EnsureModules(_moduleCount + width);
            // Run 0 is a bar, so the last run is a bar exactly when the run count is odd.
            if (_runCount > 0 && (_runCount % 2 == 1) == bar)
            {
                _runs[_runCount - 1] = (byte)(_runs[_runCount - 1] + width);
            }
            else
            {
                if (_runCount == 0 && !bar)
                    throw new InvalidOperationException("A bar pattern starts with a bar.");
                EnsureRuns(_runCount + 1);
                _runs[_runCount] = (byte)width;
                _runCount++;
            }
            for (int i = 0; i < width; i++)
            {
                _modules[_moduleCount] = bar;
                _guards[_moduleCount] = guard && bar;
                _moduleCount++;
            }
        }

        internal void AppendText(char c)
        {
            if (_textLength == _text.Length)
            {
                char[] bigger = new char[_text.Length * 2];
                Array.Copy(_text, bigger, _textLength);
                _text = bigger;
            }
            _text[_textLength] = c;
            _textLength++;
        }

        private void EnsureRuns(int count)
        {
            if (count <= _runs.Length)
                return;
            byte[] bigger = new byte[Math.Max(count, _runs.Length * 2)];
            Array.Copy(_runs, bigger, _runCount);
            _runs = bigger;
        }

        private void EnsureModules(int count)
        {
            if (count <= _modules.Length)
                return;
            int size = Math.Max(count, _modules.Length * 2);
            bool[] modules = new bool[size];
            bool[] guards = new bool[size];
            Array.Copy(_modules, modules, _moduleCount);
            Array.Copy(_guards, guards, _moduleCount);
            _modules = modules;
            _guards = guards;
        }
    }
}

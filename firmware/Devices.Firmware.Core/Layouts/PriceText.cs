namespace Devices.Firmware.Core.Layouts
{
    /// <summary>
    /// A price split the way a shelf label prints it: the whole units big ("12"), the decimal mark and decimals
    /// small (",99"). Exact integer arithmetic on minor units; the strings are rebuilt only when the price changes,
    /// so re-rendering the same label allocates nothing.
    /// </summary>
    internal sealed class PriceText
    {
        /// <summary>10^18 still fits a long, so more decimals than that cannot be meant.</summary>
        public const int MaxDecimals = 18;

        private long _minor = long.MinValue;
        private int _decimals = -1;
        private char _mark;
        private readonly char[] _digits = new char[MaxDecimals + 2];

        public bool HasPrice { get; private set; }
        /// <summary>Whole units, e.g. "12" (no grouping: labels print "1299", not "1,299").</summary>
        public string Whole { get; private set; } = "";
        /// <summary>Decimal mark and decimals, e.g. ",99"; empty for prices without decimals.</summary>
        public string Fraction { get; private set; } = "";

        /// <param name="decimals">Clamped to 0..<see cref="MaxDecimals"/>: a negative count means none.</param>
        public void Set(long minor, int decimals, char mark)
        {
            if (decimals < 0) decimals = 0;
            if (decimals > MaxDecimals) decimals = MaxDecimals;
            if (mark < ' ') mark = '.';
            if (minor == _minor && decimals == _decimals && mark == _mark) return;
            _minor = minor;
            _decimals = decimals;
            _mark = mark;
            HasPrice = minor >= 0;
            if (!HasPrice)
            {
                Whole = "";
                Fraction = "";
                return;
            }
            long unit = 1;
            for (int i = 0; i < decimals; i++) unit *= 10;
            Whole = (minor / unit).ToString();
            if (decimals == 0)
            {
                Fraction = "";
                return;
            }
            long rest = minor % unit;
            _digits[0] = mark;
            for (int i = decimals; i >= 1; i--)
            {
                _digits[i] = (char)('0' + (int)(rest % 10));
                rest /= 10;
            }
            Fraction = new string(_digits, 0, decimals + 1);
        }
    }
}

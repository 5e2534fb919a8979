using System;

namespace Devices.Firmware.Core.Codes
{
    /// <summary>
    /// Code 128 (ISO/IEC 15417) with code sets B (printable ASCII) and C (digit pairs). Set C is used where it
    /// makes the symbol shorter: from the start when the data begins with 4 or more digits (or is an even number
    /// of digits), and in the middle for runs of 6 or more digits, or 4 or more at the end. An odd run gives its
    /// first digit to set B (at the start: its last digit). Control characters (set A), FNC codes and
    /// characters above 127 are not supported.
    /// </summary>
    public static class Code128
    {
        public const int QuietZoneLeft = 10;
        public const int QuietZoneRight = 10;

        /// <summary>Longest data accepted; longer symbols get too wide for labels and hand scanners anyway.</summary>
        public const int MaxLength = 80;

        private const int CodeC = 99;
        private const int CodeB = 100;
        private const int StartB = 104;
        private const int StartC = 105;
        private const int StopWidths = 2331112; // stop pattern including its final 2-module bar

        // Bar/space widths of symbol values 0..105 (bar first, 11 modules each), ISO/IEC 15417 table 1.
        private static readonly int[] Widths =
        {
            212222, 222122, 222221, 121223, 121322, 131222, 122213, 122312, 132212, 221213,
            221312, 231212, 112232, 122132, 122231, 113222, 123122, 123221, 223211, 221132,
            221231, 213212, 223112, 312131, 311222, 321122, 321221, 312212, 322112, 322211,
            212123, 212321, 232121, 111323, 131123, 131321, 112313, 132113, 132311, 211313,
            231113, 231311, 112133, 112331, 132131, 113123, 113321, 133121, 313121, 211331,
            231131, 213113, 213311, 213131, 311123, 311321, 331121, 312113, 312311, 332111,
            314111, 221411, 431111, 111224, 111422, 121124, 121421, 141122, 141221, 112214,
            112412, 122114, 122411, 142112, 142211, 241211, 221114, 413111, 241112, 134111,
            111242, 121142, 121241, 114212, 124112, 124211, 411212, 421112, 421211, 212141,
            214121, 412121, 111143, 111341, 131141, 114113, 114311, 411113, 411311, 113141,
            114131, 311141, 411131, 211412, 211214, 211232,
        };

        /// <summary>
        /// Encodes <paramref name="text"/> into <paramref name="output"/>, reusing its buffers. On failure returns
        /// false, clears the output and sets <paramref name="error"/> to a one-line reason; on success error is empty.
        /// </summary>
        public static bool TryEncode(string text, BarPattern output, out string error)
        {
            if (output == null)
                throw new ArgumentNullException("output");
            if (!TryValidate(text, out error))
            {
                output.Clear();
                return false;
            }
            int n = text.Length;
            output.Start(Symbology.Code128, QuietZoneLeft, QuietZoneRight);

            bool setC = StartsInSetC(text);
            int start = setC ? StartC : StartB;
            AppendSymbol(output, start);
            int checksum = start;
            int weight = 1;
            int i = 0;
            while (i < n)
            {
                int value;
                if (setC)
                {
                    if (i + 1 < n && IsDigit(text[i]) && IsDigit(text[i + 1]))
                    {
                        value = (text[i] - '0') * 10 + (text[i + 1] - '0');
                        i += 2;
                    }
                    else
                    {
                        value = CodeB;
                        setC = false;
                    }
                }
                else
                {
                    int run = DigitRun(text, i);
                    bool worthSetC = run >= 6 || (run >= 4 && i + run == n);
                    if (worthSetC && run % 2 == 0)
                    {
                        value = CodeC;
                        setC = true;
                    }
                    else
                    {
                        // Also the first digit of an odd run worth set C: the rest is then an even run.
                        value = text[i] - 32;
                        i++;
                    }
                }
                AppendSymbol(output, value);
                checksum = (checksum + value * weight) % 103;
                weight++;
            }
            AppendSymbol(output, checksum);
            output.AppendWidths(StopWidths, 7, true, false);
            for (int k = 0; k < n; k++)
                output.AppendText(text[k]);
            return true;
        }

        /// <summary>Like <see cref="TryEncode"/> into a new pattern; throws ArgumentException with the reason.</summary>
        public static BarPattern Encode(string text)
        {
            BarPattern output = new BarPattern();
            string error;
            if (!TryEncode(text, output, out error))
                throw new ArgumentException(error);
            return output;
        }

        private static bool TryValidate(string text, out string error)
        {
            if (text == null || text.Length == 0)
            {
                error = "Code 128 needs at least one character";
                return false;
            }
            if (text.Length > MaxLength)
            {
                error = string.Concat("Code 128 takes at most ", MaxLength.ToString(), " characters, got ", text.Length.ToString());
                return false;
            }
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < ' ' || c > '\u007F')
                {
                    error = string.Concat("Code 128 set B cannot encode ", EanUpcSymbol.Describe(c), " at position ", (i + 1).ToString());
                    return false;
                }
            }
            error = string.Empty;
            return true;
        }

        private static bool StartsInSetC(string text)
        {
            int run = DigitRun(text, 0);
            return run >= 4 || (run == text.Length && run % 2 == 0);
        }

        private static int DigitRun(string text, int from)
        {
            int i = from;
            while (i < text.Length && IsDigit(text[i]))
                i++;
            return i - from;
        }

        private static bool IsDigit(char c)
        {
            return c >= '0' && c <= '9';
        }

        private static void AppendSymbol(BarPattern output, int value)
        {
            output.AppendWidths(Widths[value], 6, true, false);
        }
    }
}

using System;

namespace Devices.Firmware.Core.Codes
{
    /// <summary>
    /// What EAN-13 and UPC-A share: digit checks, the check digit and the 95-module bar layout. A UPC-A symbol is the
    /// EAN-13 symbol of the same digits with a leading 0, so both draw through <see cref="WriteBars"/>.
    /// </summary>
    internal static class EanUpcSymbol
    {
        // Module widths of each digit's set-A ("L") code: space, bar, space, bar. The right-hand ("R") code has the
        // same widths starting with a bar; the set-B ("G") code is the R code mirrored.
        private static readonly int[] LWidths = { 3211, 2221, 2122, 1411, 1132, 1231, 1114, 1312, 1213, 3112 };
        private static readonly int[] GWidths = { 1123, 1222, 2212, 1141, 2311, 1321, 4111, 2131, 3121, 2113 };

        // For each leading EAN-13 digit, which of the six left-hand digits use G codes (bit 5 = first digit).
        private static readonly int[] GParity = { 0x00, 0x0B, 0x0D, 0x0E, 0x13, 0x19, 0x1C, 0x15, 0x16, 0x1A };

        /// <summary>
        /// Checks that <paramref name="data"/> holds <paramref name="dataLength"/> digits, or that many plus a correct
        /// check digit. Sets <paramref name="checkDigit"/> to the check digit of the first dataLength digits.
        /// </summary>
        internal static bool TryValidate(string name, string data, int dataLength, out int checkDigit, out string error)
        {
            checkDigit = 0;
            int length = data == null ? 0 : data.Length;
            if (length != dataLength && length != dataLength + 1)
            {
                error = string.Concat(name, " needs ", dataLength.ToString(), " or ")
                    + string.Concat((dataLength + 1).ToString(), " digits, got ", length.ToString());
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                char c = data![i];
                if (c < '0' || c > '9')
                {
                    error = string.Concat(name, " accepts digits only: ", Describe(c), string.Concat(" at position ", (i + 1).ToString()));
                    return false;
                }
            }
            checkDigit = CheckDigit(data!, dataLength);
            if (length == dataLength + 1)
            {
                int given = data![dataLength] - '0';
                if (given != checkDigit)
                {
                    error = string.Concat(name, " check digit is ", checkDigit.ToString(), ", not ")
                        + string.Concat(given.ToString(), " (for ", data.Substring(0, dataLength), ")");
                    return false;
                }
            }
            error = string.Empty;
            return true;
        }

        /// <summary>The modulo-10 check digit: weights 3, 1, 3, ... counted from the rightmost data digit.</summary>
        internal static int CheckDigit(string digits, int count)
        {
            int sum = 0;
            int weight = 3;
            for (int i = count - 1; i >= 0; i--)
            {
                sum += (digits[i] - '0') * weight;
                weight = 4 - weight;
            }
            return (10 - sum % 10) % 10;
        }

        /// <summary>
        /// Writes the 95 modules of the EAN-13 symbol whose digits are <paramref name="leadingZero"/> ? "0" : ""
        /// followed by the validated data digits and <paramref name="checkDigit"/>. With <paramref name="upcGuards"/>
        /// the first and last digit's bars are marked as guard height, as UPC-A is printed.
        /// </summary>
        internal static void WriteBars(BarPattern output, string data, bool leadingZero, int checkDigit, bool upcGuards)
        {
            int first = Digit(data, 0, leadingZero, checkDigit);
            output.AppendWidths(111, 3, true, true);
            int parity = GParity[first];
            for (int i = 1; i <= 6; i++)
            {
                int d = Digit(data, i, leadingZero, checkDigit);
                bool g = ((parity >> (6 - i)) & 1) != 0;
                output.AppendWidths(g ? GWidths[d] : LWidths[d], 4, false, upcGuards && i == 1);
            }
            output.AppendWidths(11111, 5, false, true);
            for (int i = 7; i <= 12; i++)
            {
                int d = Digit(data, i, leadingZero, checkDigit);
                output.AppendWidths(LWidths[d], 4, true, upcGuards && i == 12);
            }
            output.AppendWidths(111, 3, true, true);
        }

        /// <summary>Digit <paramref name="index"/> (0..12) of the 13-digit EAN form.</summary>
        internal static int Digit(string data, int index, bool leadingZero, int checkDigit)
        {
            if (index == 12)
                return checkDigit;
            if (leadingZero)
                return index == 0 ? 0 : data[index - 1] - '0';
            return data[index] - '0';
        }

        /// <summary>A character as an error message shows it: printable ones quoted, others as U+XXXX.</summary>
        internal static string Describe(char c)
        {
            if (c >= ' ' && c != '\u007F' && (c < '\u0080' || c > '\u009F'))
                return string.Concat("'", c.ToString(), "'");
            const string Hex = "0123456789ABCDEF";
            char[] code = { 'U', '+', Hex[(c >> 12) & 15], Hex[(c >> 8) & 15], Hex[(c >> 4) & 15], Hex[c & 15] };
            return new string(code);
        }
    }
}

using System;

namespace Devices.Firmware.Core.Codes
{
    /// <summary>UPC-A: 11 data digits and a check digit, drawn as the EAN-13 symbol with a leading 0.</summary>
    public static class UpcA
    {
        public const int QuietZoneLeft = 9;
        public const int QuietZoneRight = 9;

        /// <summary>
        /// Encodes 11 digits (the check digit is computed) or 12 digits (the check digit is verified) into
        /// <paramref name="output"/>, reusing its buffers. On failure returns false, clears the output and sets
        /// <paramref name="error"/> to a one-line reason; on success error is empty.
        /// </summary>
        public static bool TryEncode(string digits, BarPattern output, out string error)
        {
            if (output == null)
                throw new ArgumentNullException("output");
            int check;
            if (!EanUpcSymbol.TryValidate("UPC-A", digits, 11, out check, out error))
            {
                output.Clear();
                return false;
            }
            output.Start(Symbology.UpcA, QuietZoneLeft, QuietZoneRight);
            EanUpcSymbol.WriteBars(output, digits, true, check, true);
            // Printed as "0 36000 29145 2": number system and check digit stand outside the guards.
            for (int i = 1; i < 13; i++)
            {
                if (i == 2 || i == 7 || i == 12)
                    output.AppendText(' ');
                output.AppendText((char)('0' + EanUpcSymbol.Digit(digits, i, true, check)));
            }
            return true;
        }

        /// <summary>Like <see cref="TryEncode"/> into a new pattern; throws ArgumentException with the reason.</summary>
        public static BarPattern Encode(string digits)
        {
            BarPattern output = new BarPattern();
            string error;
            if (!TryEncode(digits, output, out error))
                throw new ArgumentException(error);
            return output;
        }
    }
}

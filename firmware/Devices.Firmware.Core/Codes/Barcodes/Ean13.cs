using System;

namespace Devices.Firmware.Core.Codes
{
    /// <summary>EAN-13 (GS1 General Specifications §5.2): 12 data digits and a check digit, 95 modules.</summary>
    public static class Ean13
    {
        public const int QuietZoneLeft = 11;
        public const int QuietZoneRight = 7;

        /// <summary>
        /// Encodes 12 digits (the check digit is computed) or 13 digits (the check digit is verified) into
        /// <paramref name="output"/>, reusing its buffers. On failure returns false, clears the output and sets
        /// <paramref name="error"/> to a one-line reason; on success error is empty.
        /// </summary>
        public static bool TryEncode(string digits, BarPattern output, out string error)
        {
            if (output == null)
                throw new ArgumentNullException("output");
            int check;
            if (!EanUpcSymbol.TryValidate("EAN-13", digits, 12, out check, out error))
            {
                output.Clear();
                return false;
            }
            output.Start(Symbology.Ean13, QuietZoneLeft, QuietZoneRight);
            EanUpcSymbol.WriteBars(output, digits, false, check, false);
            for (int i = 0; i < 13; i++)
            {
                if (i == 1 || i == 7)
                    output.AppendText(' ');
                output.AppendText((char)('0' + EanUpcSymbol.Digit(digits, i, false, check)));
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

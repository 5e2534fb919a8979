namespace Devices.Firmware.Core.Codes
{
    /// <summary>Data segment modes, valued by their 4-bit mode indicator.</summary>
    internal enum QrMode
    {
        Numeric = 1,
        Alphanumeric = 2,
        Byte = 4,
    }

    /// <summary>How each mode counts characters and spends bits.</summary>
    internal static class QrModes
    {
        private const string AlphanumericCharset = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

        /// <summary>Width of the character-count field, which grows at versions 10 and 27.</summary>
        public static int CountBits(QrMode mode, int version)
        {
            int band = version <= 9 ? 0 : version <= 26 ? 1 : 2;
            switch (mode)
            {
                case QrMode.Numeric: return 10 + 2 * band;
                case QrMode.Alphanumeric: return 9 + 2 * band;
                default: return band == 0 ? 8 : 16;
            }
        }

        /// <summary>Bits for the characters alone: digits in threes (10 bits), pairs of alphanumerics (11 bits),
        /// bytes (8 bits).</summary>
        public static int DataBits(QrMode mode, int count)
        {
            switch (mode)
            {
                case QrMode.Numeric: return count * 3 + (count + 2) / 3;
                case QrMode.Alphanumeric: return count * 5 + (count + 1) / 2;
                default: return count * 8;
            }
        }

        /// <summary>The value of c in alphanumeric mode, or -1 when that mode cannot hold it.</summary>
        public static int AlphanumericValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
            return c == ' ' || c == '$' || c == '%' || c == '*' || c == '+' || c == '-' || c == '.' || c == '/' || c == ':'
                ? AlphanumericCharset.IndexOf(c)
                : -1;
        }

        /// <summary>The most compact single mode that covers all of text.</summary>
        public static QrMode ModeFor(string text)
        {
            bool numeric = true;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c >= '0' && c <= '9') continue;
                numeric = false;
                if (AlphanumericValue(c) < 0) return QrMode.Byte;
            }
            return numeric ? QrMode.Numeric : QrMode.Alphanumeric;
        }

        /// <summary>Length of text in UTF-8; an unpaired surrogate counts as U+FFFD, as .NET's encoder writes it.</summary>
        public static int Utf8Length(string text)
        {
            int length = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < 0x80) length += 1;
                else if (c < 0x800) length += 2;
                else if (IsSurrogatePair(text, i)) { length += 4; i++; }
                else length += 3;
            }
            return length;
        }

        public static bool IsSurrogatePair(string text, int i)
        {
            return text[i] >= 0xD800 && text[i] <= 0xDBFF && i + 1 < text.Length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF;
        }

        public static string Name(QrMode mode)
        {
            switch (mode)
            {
                case QrMode.Numeric: return "numeric";
                case QrMode.Alphanumeric: return "alphanumeric";
                default: return "byte";
            }
        }
    }
}

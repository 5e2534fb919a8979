namespace Devices.Firmware.Core.Security
{
    /// <summary>Base64url without padding (RFC 4648 §5): the characters A-Z a-z 0-9 - _, safe in links and passwords.</summary>
    public static class Base64Url
    {
        public const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

        public static string Encode(byte[] data, int offset, int count)
        {
            var chars = new char[(count * 8 + 5) / 6];
            int c = 0;
            int bits = 0;
            int acc = 0;
            for (int i = offset; i < offset + count; i++)
            {
                acc = (acc << 8) | data[i];
                bits += 8;
                while (bits >= 6)
                {
                    bits -= 6;
                    chars[c++] = Alphabet[(acc >> bits) & 0x3F];
                }
                acc &= (1 << bits) - 1;
            }
            if (bits > 0) chars[c++] = Alphabet[(acc << (6 - bits)) & 0x3F];
            return new string(chars, 0, c);
        }

        /// <summary>The 6-bit value of one alphabet character, or -1.</summary>
        public static int ValueOf(char c)
        {
            if (c >= 'A' && c <= 'Z') return c - 'A';
            if (c >= 'a' && c <= 'z') return c - 'a' + 26;
            if (c >= '0' && c <= '9') return c - '0' + 52;
            if (c == '-') return 62;
            if (c == '_') return 63;
            return -1;
        }
    }
}

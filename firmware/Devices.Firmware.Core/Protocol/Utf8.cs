namespace Devices.Firmware.Core.Protocol
{
    /// <summary>
    /// UTF-8 by hand: byte counts and writes without temporary arrays, and a strict validator so that a decoder
    /// never hands malformed text to the platform's decoder (whose behaviour on bad input differs by platform).
    /// </summary>
    internal static class Utf8
    {
        /// <summary>Bytes needed for <paramref name="s"/>; a lone surrogate counts as U+FFFD (3 bytes), as .NET does.</summary>
        public static int ByteCount(string s)
        {
            int n = 0;
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c < 0x80) n += 1;
                else if (c < 0x800) n += 2;
                else if (IsHighSurrogate(c) && i + 1 < s.Length && IsLowSurrogate(s[i + 1])) { n += 4; i++; }
                else n += 3;
            }
            return n;
        }

        /// <summary>Writes <paramref name="s"/> at <paramref name="offset"/>; returns the new offset.</summary>
        public static int Write(string s, byte[] buffer, int offset)
        {
            int p = offset;
            for (int i = 0; i < s.Length; i++)
            {
                int c = s[i];
                if (IsHighSurrogate(s[i]) && i + 1 < s.Length && IsLowSurrogate(s[i + 1]))
                {
                    c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
                    i++;
                }
                else if (IsHighSurrogate(s[i]) || IsLowSurrogate(s[i]))
                {
                    c = 0xFFFD;
                }

                if (c < 0x80)
                {
                    buffer[p++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    buffer[p++] = (byte)(0xC0 | (c >> 6));
                    buffer[p++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (c < 0x10000)
                {
                    buffer[p++] = (byte)(0xE0 | (c >> 12));
                    buffer[p++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    buffer[p++] = (byte)(0x80 | (c & 0x3F));
                }
                else
                {
                    buffer[p++] = (byte)(0xF0 | (c >> 18));
                    buffer[p++] = (byte)(0x80 | ((c >> 12) & 0x3F));
                    buffer[p++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    buffer[p++] = (byte)(0x80 | (c & 0x3F));
                }
            }
            return p;
        }

        /// <summary>True when the bytes are well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).</summary>
        public static bool IsValid(byte[] data, int offset, int count)
        {
            int i = offset;
            int end = offset + count;
            while (i < end)
            {
                int b = data[i];
                if (b < 0x80) { i++; continue; }
                int need;
                int min;
                int cp;
                if ((b & 0xE0) == 0xC0) { need = 1; min = 0x80; cp = b & 0x1F; }
                else if ((b & 0xF0) == 0xE0) { need = 2; min = 0x800; cp = b & 0x0F; }
                else if ((b & 0xF8) == 0xF0) { need = 3; min = 0x10000; cp = b & 0x07; }
                else return false;
                if (i + need >= end) return false; // the continuation bytes run past the field
                for (int k = 1; k <= need; k++)
                {
                    int t = data[i + k];
                    if ((t & 0xC0) != 0x80) return false;
                    cp = (cp << 6) | (t & 0x3F);
                }
                if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
                i += need + 1;
            }
            return true;
        }

        private static bool IsHighSurrogate(char c) { return c >= 0xD800 && c <= 0xDBFF; }
        private static bool IsLowSurrogate(char c) { return c >= 0xDC00 && c <= 0xDFFF; }
    }
}

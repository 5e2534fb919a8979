namespace Devices.Firmware.Core.Codes
{
    /// <summary>Reads and flips up to 64 modules at once in the packed layout of <see cref="QrCode"/> (module index
    /// y * Size + x, least significant bit first), so mask and penalty code can treat 48 modules as one ulong.</summary>
    internal static class PackedBits
    {
        /// <summary>The 64 bits from bit index <paramref name="bit"/> on, that bit in bit 0; 0 past the array's end.</summary>
        public static ulong Read(byte[] bits, int bit)
        {
            int at = bit >> 3;
            int shift = bit & 7;
            ulong word = 0;
            for (int i = 7; i >= 0; i--) word = (word << 8) | ByteAt(bits, at + i);
            word >>= shift;
            if (shift != 0) word |= (ulong)ByteAt(bits, at + 8) << (64 - shift);
            return word;
        }

        /// <summary>XORs value (at most 56 bits) into the bits from index <paramref name="bit"/> on.</summary>
        public static void Xor(byte[] bits, int bit, ulong value)
        {
            int at = bit >> 3;
            for (value <<= bit & 7; value != 0; value >>= 8) bits[at++] ^= (byte)value;
        }

        /// <summary>The lowest n bits set (n from 0 to 64; C# would take a shift by 64 as a shift by 0).</summary>
        public static ulong Low(int n)
        {
            if (n <= 0) return 0;
            return n >= 64 ? ~0UL : (1UL << n) - 1;
        }

        /// <summary>Set bits in v (the SWAR population count: nanoFramework has no BitOperations).</summary>
        public static int Count(ulong v)
        {
            v -= (v >> 1) & 0x5555555555555555UL;
            v = (v & 0x3333333333333333UL) + ((v >> 2) & 0x3333333333333333UL);
            v = (v + (v >> 4)) & 0x0F0F0F0F0F0F0F0FUL;
            return (int)((v * 0x0101010101010101UL) >> 56);
        }

        private static byte ByteAt(byte[] bits, int i)
        {
            return i < bits.Length ? bits[i] : (byte)0;
        }
    }
}

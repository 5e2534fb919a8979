namespace Devices.Firmware.Core.Codes
{
    /// <summary>The standard's numbers for each version and level (ISO/IEC 18004 tables 9 and E.1).</summary>
    internal static class QrTables
    {
        public const int MinVersion = 1;
        public const int MaxVersion = 40;

        // Index [level][version]; index 0 of each row is unused. Levels in QrEcc order: L, M, Q, H.
        private static readonly byte[][] EccCodewordsPerBlock =
        {
            new byte[] { 0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 },
            new byte[] { 0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28 },
            new byte[] { 0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 },
            new byte[] { 0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 },
        };

        private static readonly byte[][] ErrorCorrectionBlocks =
        {
            new byte[] { 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25 },
            new byte[] { 0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49 },
            new byte[] { 0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68 },
            new byte[] { 0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81 },
        };

        /// <summary>The two format-information bits that name each level (L=01, M=00, Q=11, H=10).</summary>
        private static readonly byte[] FormatBitsOfLevel = { 1, 0, 3, 2 };

        public static int Size(int version)
        {
            return version * 4 + 17;
        }

        public static int EccPerBlock(int version, QrEcc ecc)
        {
            return EccCodewordsPerBlock[(int)ecc][version];
        }

        public static int BlockCount(int version, QrEcc ecc)
        {
            return ErrorCorrectionBlocks[(int)ecc][version];
        }

        public static int FormatBits(QrEcc ecc)
        {
            return FormatBitsOfLevel[(int)ecc];
        }

        /// <summary>Modules left for codewords once function patterns are drawn (may not be a multiple of 8).</summary>
        public static int RawDataModules(int version)
        {
            int size = Size(version);
            int result = size * size - 3 * 64 - 2 * (size - 16) - 31; // finders+separators+format, timing
            if (version >= 2)
            {
                int n = version / 7 + 2;
                result -= (n * n - 3) * 25 - 2 * 5 * (n - 2); // alignment patterns, less their timing overlap
            }
            if (version >= 7) result -= 2 * 18; // version information
            return result;
        }

        public static int RawCodewords(int version)
        {
            return RawDataModules(version) >> 3;
        }

        public static int DataCodewords(int version, QrEcc ecc)
        {
            return RawCodewords(version) - EccPerBlock(version, ecc) * BlockCount(version, ecc);
        }

        /// <summary>Writes the alignment pattern centres (ascending) into result; returns how many (0 for v1).</summary>
        public static int AlignmentPositions(int version, byte[] result)
        {
            if (version == 1) return 0;
            int count = version / 7 + 2;
            int size = Size(version);
            // Evenly spaced from the last one back to 6, with an even step (version 32 is the standard's exception).
            int step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2;
            result[0] = 6;
            for (int i = count - 1, pos = size - 7; i >= 1; i--, pos -= step) result[i] = (byte)pos;
            return count;
        }
    }
}

namespace Devices.Firmware.Core.Codes
{
    /// <summary>The eight data mask patterns and the standard's penalty score used to choose among them.</summary>
    internal static class QrMask
    {
        private const int PenaltyRun = 3;       // N1: a run of 5 same-colour modules, +1 per extra module
        private const int PenaltyBlock = 3;     // N2: each 2x2 block of one colour
        private const int PenaltyFinder = 40;   // N3: 1:1:3:1:1 finder-like pattern with 4 light modules on a side
        private const int PenaltyBalance = 10;  // N4: each 5 % of dark-module share away from 50 %

        /// <summary>True where mask pattern m inverts the module at column x, row y.</summary>
        public static bool Inverts(int mask, int x, int y)
        {
            switch (mask)
            {
                case 0: return (x + y) % 2 == 0;
                case 1: return y % 2 == 0;
                case 2: return x % 3 == 0;
                case 3: return (x + y) % 3 == 0;
                case 4: return (x / 3 + y / 2) % 2 == 0;
                case 5: return x * y % 2 + x * y % 3 == 0;
                case 6: return (x * y % 2 + x * y % 3) % 2 == 0;
                default: return ((x + y) % 2 + x * y % 3) % 2 == 0;
            }
        }

        /// <summary>XORs the mask over the data modules (function map bit 0); applying twice undoes it.</summary>
        public static void Apply(QrCode code, byte[] functionMap, int mask)
        {
            Switch(code, functionMap, -1, mask);
        }

        /// <summary>Changes the data modules from mask <paramref name="from"/> (-1: none) to mask <paramref name="to"/>
        /// in one pass: XOR with both patterns.</summary>
        public static void Switch(QrCode code, byte[] functionMap, int from, int to)
        {
            int size = code.Size;
            byte[] m = code.Modules;
            int index = 0;
            int flips = 0; // pending inversions for the byte at index >> 3
            for (int y = 0; y < size; y++)
            {
                // Every pattern repeats every 6 columns, so one row needs only 6 evaluations.
                int pattern = 0;
                for (int k = 0; k < 6; k++)
                {
                    bool invert = Inverts(to, k, y);
                    if (from >= 0 && Inverts(from, k, y)) invert = !invert;
                    if (invert) pattern |= 1 << k;
                }
                int phase = 0;
                for (int x = 0; x < size; x++, index++)
                {
                    flips |= ((pattern >> phase) & 1) << (index & 7);
                    if ((index & 7) == 7)
                    {
                        m[index >> 3] ^= (byte)(flips & ~functionMap[index >> 3]);
                        flips = 0;
                    }
                    if (++phase == 6) phase = 0;
                }
            }
            if ((index & 7) != 0) m[index >> 3] ^= (byte)(flips & ~functionMap[index >> 3]);
        }

        /// <summary>The penalty score of the symbol as it stands (lower is better).</summary>
        public static int Penalty(QrCode code)
        {
            int size = code.Size;
            byte[] m = code.Modules;
            int score = RowPenalty(m, size);
            for (int x = 0; x < size; x++) score += LinePenalty(m, x, size, size);
            return score;
        }

        /// <summary>Rules 1 and 3 along every row, rule 2 between each row and the one above, and rule 4,
        /// reading the modules once in storage order.</summary>
        private static int RowPenalty(byte[] m, int size)
        {
            int score = 0;
            int dark = 0;
            int index = 0;
            for (int y = 0; y < size; y++)
            {
                int run = 0;
                int previous = -1;
                int window = 0;
                int abovePrevious = 0;
                for (int x = 0; x < size; x++, index++)
                {
                    int d = (m[index >> 3] >> (index & 7)) & 1;
                    dark += d;
                    if (d == previous)
                    {
                        run++;
                        if (run == 5) score += PenaltyRun;
                        else if (run > 5) score++;
                    }
                    else
                    {
                        run = 1;
                    }
                    window = ((window << 1) | d) & 0x7FF;
                    if (x >= 10 && (window == 0x05D || window == 0x5D0)) score += PenaltyFinder;
                    if (y > 0)
                    {
                        int up = index - size;
                        int a = (m[up >> 3] >> (up & 7)) & 1;
                        if (x > 0 && d == previous && a == d && abovePrevious == d) score += PenaltyBlock;
                        abovePrevious = a;
                    }
                    previous = d;
                }
            }
            int total = size * size;
            int deviation = dark * 20 - total * 10; // 20 * (dark share - 50 %), in units of total
            if (deviation < 0) deviation = -deviation;
            return score + deviation / total * PenaltyBalance;
        }

        /// <summary>Rules 1 and 3 along one row or column: modules start, start+step, ...</summary>
        private static int LinePenalty(byte[] m, int start, int step, int count)
        {
            int score = 0;
            int run = 0;
            int previous = -1;
            int window = 0; // the last 11 modules, newest in bit 0
            int index = start;
            for (int k = 0; k < count; k++, index += step)
            {
                int dark = (m[index >> 3] >> (index & 7)) & 1;
                if (dark == previous)
                {
                    run++;
                    if (run == 5) score += PenaltyRun;
                    else if (run > 5) score++;
                }
                else
                {
                    previous = dark;
                    run = 1;
                }
                window = ((window << 1) | dark) & 0x7FF;
                // dark-light-dark-dark-dark-light-dark with four light modules after (0x5D0) or before (0x05D).
                if (k >= 10 && (window == 0x05D || window == 0x5D0)) score += PenaltyFinder;
            }
            return score;
        }
    }
}

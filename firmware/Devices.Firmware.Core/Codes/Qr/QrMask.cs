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
            int size = code.Size;
            byte[] m = code.Modules;
            int index = 0;
            for (int y = 0; y < size; y++)
            {
                for (int x = 0; x < size; x++, index++)
                {
                    int bit = 1 << (index & 7);
                    if ((functionMap[index >> 3] & bit) == 0 && Inverts(mask, x, y)) m[index >> 3] ^= (byte)bit;
                }
            }
        }

        /// <summary>The penalty score of the symbol as it stands (lower is better).</summary>
        public static int Penalty(QrCode code)
        {
            int size = code.Size;
            byte[] m = code.Modules;
            int score = 0;
            for (int i = 0; i < size; i++)
            {
                score += LinePenalty(m, i * size, 1, size);  // row i
                score += LinePenalty(m, i, size, size);      // column i
            }
            return score + BlockPenalty(m, size) + BalancePenalty(m, size);
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

        /// <summary>Rule 2: every 2x2 square of one colour (squares may overlap).</summary>
        private static int BlockPenalty(byte[] m, int size)
        {
            int score = 0;
            for (int y = 0; y < size - 1; y++)
            {
                int top = y * size;
                int bottom = top + size;
                int a = Get(m, top) | Get(m, bottom) << 1;
                for (int x = 1; x < size; x++)
                {
                    int b = Get(m, top + x) | Get(m, bottom + x) << 1;
                    if ((a == 0 || a == 3) && a == b) score += PenaltyBlock;
                    a = b;
                }
            }
            return score;
        }

        /// <summary>Rule 4: 10 points for each full 5 % step the dark share lies away from 50 %.</summary>
        private static int BalancePenalty(byte[] m, int size)
        {
            int total = size * size;
            int dark = 0;
            for (int i = 0; i < total; i++) dark += Get(m, i);
            int deviation = dark * 20 - total * 10; // 20 * (dark share - 50 %), in units of total
            if (deviation < 0) deviation = -deviation;
            return deviation / total * PenaltyBalance;
        }

        private static int Get(byte[] m, int index)
        {
            return (m[index >> 3] >> (index & 7)) & 1;
        }
    }
}

namespace Devices.Firmware.Core.Codes
{
    /// <summary>
    /// The eight data mask patterns and the standard's penalty score used to choose among them.
    /// Choosing a mask scores eight trial symbols, which module by module was most of an encode's time, so both
    /// work on 48 modules at once as the bits of a ulong (<see cref="PackedBits"/>).
    /// </summary>
    internal static class QrMask
    {
        private const int PenaltyRun = 3;       // N1: a run of 5 same-colour modules, +1 per extra module
        private const int PenaltyBlock = 3;     // N2: each 2x2 block of one colour
        private const int PenaltyFinder = 40;   // N3: 1:1:3:1:1 finder-like pattern with 4 light modules on a side
        private const int PenaltyBalance = 10;  // N4: each 5 % of dark-module share away from 50 %

        /// <summary>Modules per word: a multiple of 6 (a row of any pattern repeats every 6 columns) that leaves
        /// room in a 64-bit read for the 11-module window starting at a chunk's last column.</summary>
        private const int Chunk = 48;

        /// <summary>[mask * 12 + y % 12]: bit x set where the mask inverts column x (0 to 5) of row y; every
        /// pattern repeats every 12 rows and 6 columns.</summary>
        private static readonly byte[] RowPatterns = BuildRowPatterns();

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

        private static byte[] BuildRowPatterns()
        {
            var patterns = new byte[8 * 12];
            for (int mask = 0; mask < 8; mask++)
                for (int y = 0; y < 12; y++)
                    for (int x = 0; x < 6; x++)
                        if (Inverts(mask, x, y)) patterns[mask * 12 + y] |= (byte)(1 << x);
            return patterns;
        }

        /// <summary>XORs the mask over the data modules (function map bit 0); applying twice undoes it.</summary>
        public static void Apply(QrCode code, byte[] functionMap, int mask)
        {
            Switch(code, functionMap, -1, mask);
        }

        /// <summary>Changes the data modules from mask <paramref name="from"/> (-1: none) to mask <paramref name="to"/>
        /// in one pass: XOR with both patterns, 48 modules at a time.</summary>
        public static void Switch(QrCode code, byte[] functionMap, int from, int to)
        {
            int size = code.Size;
            byte[] m = code.Modules;
            for (int y = 0; y < size; y++)
            {
                int six = RowPatterns[to * 12 + y % 12];
                if (from >= 0) six ^= RowPatterns[from * 12 + y % 12];
                if (six == 0) continue;
                ulong pattern = (ulong)six;
                pattern |= pattern << 6;
                pattern |= pattern << 12;
                pattern |= pattern << 24; // now 48 columns
                int rowStart = y * size;
                for (int x = 0; x < size; x += Chunk)
                {
                    ulong flips = pattern & PackedBits.Low(size - x) & ~PackedBits.Read(functionMap, rowStart + x);
                    PackedBits.Xor(m, rowStart + x, flips);
                }
            }
        }

        /// <summary>The penalty score of the symbol as it stands (lower is better).</summary>
        public static int Penalty(QrCode code)
        {
            int size = code.Size;
            int score = 0;
            int dark = 0;
            for (int x = 0; x < size; x += Chunk) score += StripPenalty(code.Modules, x, size, ref dark);
            int total = size * size;
            int deviation = dark * 20 - total * 10; // 20 * (dark share - 50 %), in units of total
            if (deviation < 0) deviation = -deviation;
            return score + deviation / total * PenaltyBalance;
        }

        /// <summary>Rules 1 to 3 for the strip of columns x to x + 47 (one bit each), and its dark modules: reads
        /// each row's 48 modules once and scores the windows that start among them along the row, down the
        /// columns (keeping the last ten rows), and the 2x2 blocks whose top-left module is among them.</summary>
        private static int StripPenalty(byte[] m, int x, int size, ref int dark)
        {
            int left = size - x; // modules from x to the end of a row
            ulong columns = PackedBits.Low(Min(left, Chunk));
            ulong readable = PackedBits.Low(left); // the rest of a 64-bit read belongs to the next row
            ulong blockColumns = PackedBits.Low(Min(left - 1, Chunk)); // those with a column to their right
            ulong runStarts = PackedBits.Low(Min(left - 4, Chunk));
            ulong finderStarts = PackedBits.Low(Min(left - 10, Chunk));
            ulong rowEnd = left - 5 >= 0 && left - 5 < Chunk ? 1UL << (left - 5) : 0; // the row's last window of 5
            ulong h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0, h7 = 0, h8 = 0, h9 = 0, h10 = 0; // h1: the row above
            int score = 0;
            for (int y = 0; y < size; y++)
            {
                ulong row = PackedBits.Read(m, y * size + x) & readable;
                dark += PackedBits.Count(row & columns);

                // Rule 1, counted per window: a run of length L >= 5 holds L - 4 windows of five equal modules,
                // plus 2 for its end (module j + 5 differs or the row ends), giving 3 + (L - 5).
                ulong same = ~(row ^ (row >> 1)); // bit j: modules j and j + 1 agree
                ulong five = same & (same >> 1) & (same >> 2) & (same >> 3) & runStarts;
                ulong ends = five & (~(same >> 4) | rowEnd);
                score += PackedBits.Count(five) + (PenaltyRun - 1) * PackedBits.Count(ends);
                // Rule 3: dark-light-dark-dark-dark-light-dark from module j, with four light modules after it or
                // (the core from j + 4) before it.
                ulong light = ~row;
                ulong fourLight = light & (light >> 1) & (light >> 2) & (light >> 3);
                ulong core = row & (light >> 1) & (row >> 2) & (row >> 3) & (row >> 4) & (light >> 5) & (row >> 6);
                score += PenaltyFinder * PackedBits.Count(((core & (fourLight >> 7)) | ((core >> 4) & fourLight)) & finderStarts);

                if (y >= 1)
                {
                    // Rule 2: both columns agree with the row above, and the two modules of this row agree.
                    ulong down = ~(row ^ h1);
                    score += PenaltyBlock * PackedBits.Count(down & (down >> 1) & same & blockColumns);
                }
                if (y >= 4)
                {
                    // Rule 1 down the columns; a run is found at its start (row y - 5 differs or there is none).
                    ulong fiveDown = ~(row ^ h1) & ~(h1 ^ h2) & ~(h2 ^ h3) & ~(h3 ^ h4) & columns;
                    ulong begins = y == 4 ? fiveDown : fiveDown & (h4 ^ h5);
                    score += PackedBits.Count(fiveDown) + (PenaltyRun - 1) * PackedBits.Count(begins);
                }
                if (y >= 10)
                {
                    // Rule 3 down the columns: rows y - 10 to y.
                    ulong finderThenLight = h10 & ~h9 & h8 & h7 & h6 & ~h5 & h4 & ~h3 & ~h2 & ~h1 & ~row;
                    ulong lightThenFinder = ~h10 & ~h9 & ~h8 & ~h7 & h6 & ~h5 & h4 & h3 & h2 & ~h1 & row;
                    score += PenaltyFinder * PackedBits.Count((finderThenLight | lightThenFinder) & columns);
                }
                h10 = h9; h9 = h8; h8 = h7; h7 = h6; h6 = h5; h5 = h4; h4 = h3; h3 = h2; h2 = h1; h1 = row;
            }
            return score;
        }

        private static int Min(int a, int b)
        {
            return a < b ? a : b;
        }
    }
}

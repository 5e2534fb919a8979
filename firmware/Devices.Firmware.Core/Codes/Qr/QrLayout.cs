namespace Devices.Firmware.Core.Codes
{
    /// <summary>Where things go in a symbol: function patterns, format and version information, codewords.</summary>
    internal sealed class QrLayout
    {
        private readonly byte[] _alignment = new byte[7];
        private int _alignmentCount;
        private int _version;
        private int _size;

        public void Begin(int version)
        {
            _version = version;
            _size = QrTables.Size(version);
            _alignmentCount = QrTables.AlignmentPositions(version, _alignment);
        }

        /// <summary>Draws everything but the format information (which depends on the mask).</summary>
        public void DrawFunctionPatterns(QrCode code)
        {
            int size = _size;
            for (int i = 8; i < size - 8; i++)
            {
                Set(code, 6, i, (i & 1) == 0);
                Set(code, i, 6, (i & 1) == 0);
            }
            DrawFinder(code, 3, 3);
            DrawFinder(code, size - 4, 3);
            DrawFinder(code, 3, size - 4);
            int last = _alignmentCount - 1;
            for (int i = 0; i <= last; i++)
            {
                for (int j = 0; j <= last; j++)
                {
                    if ((i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0)) continue;
                    DrawAlignment(code, _alignment[i], _alignment[j]);
                }
            }
            Set(code, 8, size - 8, true); // the dark module
            if (_version >= 7) DrawVersion(code);
        }

        private void DrawFinder(QrCode code, int cx, int cy)
        {
            for (int dy = -3; dy <= 3; dy++)
            {
                for (int dx = -3; dx <= 3; dx++)
                {
                    int ring = Max(Abs(dx), Abs(dy));
                    Set(code, cx + dx, cy + dy, ring != 2);
                }
            }
        }

        private void DrawAlignment(QrCode code, int cx, int cy)
        {
            for (int dy = -2; dy <= 2; dy++)
                for (int dx = -2; dx <= 2; dx++)
                    Set(code, cx + dx, cy + dy, Max(Abs(dx), Abs(dy)) != 1);
        }

        /// <summary>18 bits: the version and its BCH(18,6) check, drawn twice.</summary>
        private void DrawVersion(QrCode code)
        {
            int rem = _version;
            for (int i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
            int bits = _version << 12 | rem;
            for (int i = 0; i < 18; i++)
            {
                bool dark = ((bits >> i) & 1) != 0;
                int a = _size - 11 + i % 3;
                int b = i / 3;
                Set(code, a, b, dark);
                Set(code, b, a, dark);
            }
        }

        /// <summary>15 bits: level and mask with their BCH(15,5) check, masked by 0x5412, drawn twice.</summary>
        public void DrawFormat(QrCode code, QrEcc ecc, int mask)
        {
            int data = QrTables.FormatBits(ecc) << 3 | mask;
            int rem = data;
            for (int i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >> 9) * 0x537);
            int bits = (data << 10 | rem) ^ 0x5412;
            int size = _size;
            // Around the top-left finder: down column 8 (skipping timing), then left along row 8.
            for (int i = 0; i <= 5; i++) Set(code, 8, i, Bit(bits, i));
            Set(code, 8, 7, Bit(bits, 6));
            Set(code, 8, 8, Bit(bits, 7));
            Set(code, 7, 8, Bit(bits, 8));
            for (int i = 9; i < 15; i++) Set(code, 14 - i, 8, Bit(bits, i));
            // Split between the top-right and bottom-left finders.
            for (int i = 0; i < 8; i++) Set(code, size - 1 - i, 8, Bit(bits, i));
            for (int i = 8; i < 15; i++) Set(code, 8, size - 15 + i, Bit(bits, i));
        }

        /// <summary>Places the codewords (most significant bit first) in the two-column zigzag from the
        /// bottom-right corner, skipping function modules. Remainder modules stay light. Expects the symbol to
        /// hold just the function-module map (<see cref="MarkFunctionModules"/>): a set bit not yet visited is a
        /// function module.</summary>
        public void PlaceCodewords(QrCode code, QrCodewords codewords)
        {
            int size = _size;
            int total = codewords.TotalLength;
            byte[] m = code.Modules;
            int k = 0; // codeword index
            int bit = 7;
            int current = total > 0 ? codewords.Interleaved(0) : 0;
            for (int right = size - 1; right >= 1 && k < total; right -= 2)
            {
                if (right == 6) right = 5; // the vertical timing column is skipped
                bool upward = ((right + 1) & 2) == 0;
                for (int vert = 0; vert < size && k < total; vert++)
                {
                    int y = upward ? size - 1 - vert : vert;
                    for (int x = right; x >= right - 1; x--)
                    {
                        int i = y * size + x;
                        if (((m[i >> 3] >> (i & 7)) & 1) != 0) continue; // function module
                        // Without a branch: data bits are as good as random, so a branch would be mispredicted.
                        m[i >> 3] |= (byte)(((current >> bit) & 1) << (i & 7));
                        if (--bit < 0)
                        {
                            bit = 7;
                            if (++k == total) break;
                            current = codewords.Interleaved(k);
                        }
                    }
                }
            }
        }

        /// <summary>Writes the function-module map in the same packing as <see cref="QrCode"/>: 1 where a function
        /// pattern (not data) sits: finders, separators, format, timing, alignment and version areas.</summary>
        public void MarkFunctionModules(byte[] map)
        {
            int size = _size;
            int bytes = (size * size + 7) >> 3;
            for (int i = 0; i < bytes; i++) map[i] = 0;
            // Finders with their separators and the format areas (and the dark module, bottom left).
            Fill(map, 0, 0, 9, 9);
            Fill(map, size - 8, 0, 8, 9);
            Fill(map, 0, size - 8, 9, 8);
            // Timing patterns.
            Fill(map, 6, 9, 1, size - 17);
            Fill(map, 9, 6, size - 17, 1);
            int last = _alignmentCount - 1;
            for (int i = 0; i <= last; i++)
            {
                for (int j = 0; j <= last; j++)
                {
                    if ((i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0)) continue;
                    Fill(map, _alignment[i] - 2, _alignment[j] - 2, 5, 5);
                }
            }
            if (_version >= 7)
            {
                Fill(map, size - 11, 0, 3, 6);
                Fill(map, 0, size - 11, 6, 3);
            }
        }

        /// <summary>Sets the bits of a width x height rectangle of modules in a packed map.</summary>
        private void Fill(byte[] map, int left, int top, int width, int height)
        {
            for (int y = top; y < top + height; y++)
            {
                for (int x = left; x < left + width; x++)
                {
                    int i = y * _size + x;
                    map[i >> 3] |= (byte)(1 << (i & 7));
                }
            }
        }

        private void Set(QrCode code, int x, int y, bool dark)
        {
            int i = y * _size + x;
            if (dark) code.Modules[i >> 3] |= (byte)(1 << (i & 7));
            else code.Modules[i >> 3] &= (byte)~(1 << (i & 7));
        }

        private static bool Bit(int value, int i)
        {
            return ((value >> i) & 1) != 0;
        }

        private static int Abs(int v)
        {
            return v < 0 ? -v : v;
        }

        private static int Max(int a, int b)
        {
            return a > b ? a : b;
        }
    }
}

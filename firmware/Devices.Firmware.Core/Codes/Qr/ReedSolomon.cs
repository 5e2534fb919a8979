namespace Devices.Firmware.Core.Codes
{
    /// <summary>Reed-Solomon error correction over GF(256) with the QR polynomial x^8+x^4+x^3+x^2+1.</summary>
    internal sealed class ReedSolomon
    {
        public const int MaxDegree = 30;

        // Shared, read-only: 2^i (doubled so exp[a + b] needs no modulo) and its inverse.
        private static readonly byte[] Exp = new byte[512];
        private static readonly byte[] Log = new byte[256];

        static ReedSolomon()
        {
            int x = 1;
            for (int i = 0; i < 255; i++)
            {
                Exp[i] = (byte)x;
                Exp[i + 255] = (byte)x;
                Log[x] = (byte)i;
                x <<= 1;
                if (x >= 256) x ^= 0x11D;
            }
        }

        // Generator coefficients as logarithms (all coefficients of these generators are non-zero).
        private readonly byte[] _generatorLog = new byte[MaxDegree];
        private int _degree;

        public static int Multiply(int a, int b)
        {
            if (a == 0 || b == 0) return 0;
            return Exp[Log[a] + Log[b]];
        }

        /// <summary>Prepares the generator (x - 2^0)(x - 2^1)...(x - 2^(degree-1)); reused while the degree stays.</summary>
        public void UseDegree(int degree, byte[] scratch)
        {
            if (degree == _degree) return;
            // scratch[0..degree) holds the coefficients below the implicit leading 1, highest power first.
            for (int i = 0; i < degree; i++) scratch[i] = 0;
            scratch[degree - 1] = 1;
            int root = 1;
            for (int i = 0; i < degree; i++)
            {
                for (int j = 0; j < degree; j++)
                {
                    scratch[j] = (byte)Multiply(scratch[j], root);
                    if (j + 1 < degree) scratch[j] ^= scratch[j + 1];
                }
                root = Multiply(root, 2);
            }
            for (int i = 0; i < degree; i++) _generatorLog[i] = Log[scratch[i]];
            _degree = degree;
        }

        /// <summary>Writes the remainder of data / generator (the ECC codewords) to result[resultOffset..+degree).</summary>
        public void Remainder(byte[] data, int dataOffset, int dataCount, byte[] result, int resultOffset)
        {
            int degree = _degree;
            byte[] gen = _generatorLog;
            int last = resultOffset + degree - 1;
            for (int i = resultOffset; i <= last; i++) result[i] = 0;
            for (int i = 0; i < dataCount; i++)
            {
                int factor = data[dataOffset + i] ^ result[resultOffset];
                for (int j = resultOffset; j < last; j++) result[j] = result[j + 1];
                result[last] = 0;
                if (factor == 0) continue;
                int logFactor = Log[factor];
                for (int j = 0; j < degree; j++) result[resultOffset + j] ^= Exp[logFactor + gen[j]];
            }
        }
    }
}

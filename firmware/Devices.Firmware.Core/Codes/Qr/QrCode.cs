namespace Devices.Firmware.Core.Codes
{
    /// <summary>
    /// A QR Code symbol: a square of dark and light modules, packed one bit per module, row after row
    /// (module index y * Size + x, least significant bit first). Reusable: an encoder overwrites it.
    /// </summary>
    public sealed class QrCode
    {
        /// <summary>Bytes needed for a version-40 symbol: 177 * 177 bits.</summary>
        public const int MaxModuleBytes = (177 * 177 + 7) / 8;

        internal readonly byte[] Modules = new byte[MaxModuleBytes];

        /// <summary>An empty symbol with room for every version up to 40.</summary>
        public QrCode()
        {
        }

        /// <summary>1 to 40 (0 before the first encode).</summary>
        public int Version { get; private set; }

        /// <summary>Modules per side: 4 * Version + 17.</summary>
        public int Size { get; private set; }

        /// <summary>The mask pattern applied, 0 to 7.</summary>
        public int Mask { get; internal set; }

        public QrEcc Ecc { get; private set; }

        /// <summary>True for a dark module; false for a light one and for anything outside the symbol.</summary>
        public bool IsDark(int x, int y)
        {
            if (x < 0 || y < 0 || x >= Size || y >= Size) return false;
            int i = y * Size + x;
            return ((Modules[i >> 3] >> (i & 7)) & 1) != 0;
        }

        /// <summary>Starts a new, all-light symbol.</summary>
        internal void Reset(int version, QrEcc ecc)
        {
            Version = version;
            Size = version * 4 + 17;
            Ecc = ecc;
            Mask = 0;
            int bytes = (Size * Size + 7) >> 3;
            for (int i = 0; i < bytes; i++) Modules[i] = 0;
        }
    }
}

namespace Devices.Firmware.Core.Scanning
{
    /// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as in zip and PNG: check value of "123456789" is 0xCBF43926.</summary>
    public static class Crc32
    {
        private static uint[]? _table;

        public static uint Compute(byte[] data, int offset, int count)
        {
            uint[] table = _table ?? BuildTable();
            uint crc = 0xFFFFFFFF;
            int end = offset + count;
            for (int i = offset; i < end; i++) crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            return crc ^ 0xFFFFFFFF;
        }

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                table[n] = c;
            }
            _table = table;
            return table;
        }
    }
}

namespace Devices.Firmware.Core.Codes
{
    /// <summary>
    /// The codeword buffer of one symbol: data codewords of all blocks, then the ECC codewords of all blocks.
    /// Blocks are not interleaved in memory; <see cref="Interleaved"/> reads them in transmission order, so no
    /// second buffer is needed. After placement the same bytes serve as the function-module map.
    /// </summary>
    internal sealed class QrCodewords
    {
        /// <summary>Large enough for version 40: 3706 codewords, or the 3917-byte function-module map.</summary>
        public const int Capacity = QrCode.MaxModuleBytes;

        public readonly byte[] Buffer = new byte[Capacity];

        private int _blocks;
        private int _shortBlocks;
        private int _shortDataLength;
        private int _eccPerBlock;

        public int DataLength { get; private set; }
        public int TotalLength { get; private set; }

        public void Begin(int version, QrEcc ecc)
        {
            _blocks = QrTables.BlockCount(version, ecc);
            _eccPerBlock = QrTables.EccPerBlock(version, ecc);
            TotalLength = QrTables.RawCodewords(version);
            DataLength = QrTables.DataCodewords(version, ecc);
            // Blocks differ by at most one data codeword; the short ones come first.
            _shortBlocks = _blocks - TotalLength % _blocks;
            _shortDataLength = TotalLength / _blocks - _eccPerBlock;
        }

        /// <summary>Appends each block's ECC codewords after the data.</summary>
        public void AddErrorCorrection(ReedSolomon rs, byte[] generatorScratch)
        {
            rs.UseDegree(_eccPerBlock, generatorScratch);
            int dataStart = 0;
            for (int b = 0; b < _blocks; b++)
            {
                int length = _shortDataLength + (b < _shortBlocks ? 0 : 1);
                rs.Remainder(Buffer, dataStart, length, Buffer, DataLength + b * _eccPerBlock);
                dataStart += length;
            }
        }

        /// <summary>The k-th codeword in transmission order: data column by column across blocks, then ECC.</summary>
        public int Interleaved(int k)
        {
            int shortRounds = _shortDataLength * _blocks;
            if (k < shortRounds)
            {
                int b = k % _blocks;
                return Buffer[DataStart(b) + k / _blocks];
            }
            if (k < DataLength)
            {
                // The extra last data codeword of each long block.
                int b = _shortBlocks + (k - shortRounds);
                return Buffer[DataStart(b) + _shortDataLength];
            }
            int e = k - DataLength;
            return Buffer[DataLength + (e % _blocks) * _eccPerBlock + e / _blocks];
        }

        private int DataStart(int block)
        {
            int longBefore = block - _shortBlocks;
            return block * _shortDataLength + (longBefore > 0 ? longBefore : 0);
        }
    }
}

namespace Devices.Firmware.Core.Codes
{
    /// <summary>Appends bits, most significant first, into a zeroed byte buffer.</summary>
    internal sealed class QrBitWriter
    {
        private byte[] _buffer = new byte[0];

        public int Length { get; private set; }

        public void Begin(byte[] buffer, int byteCount)
        {
            _buffer = buffer;
            for (int i = 0; i < byteCount; i++) buffer[i] = 0;
            Length = 0;
        }

        public void Append(int value, int bits)
        {
            for (int i = bits - 1; i >= 0; i--, Length++)
            {
                if (((value >> i) & 1) != 0) _buffer[Length >> 3] |= (byte)(0x80 >> (Length & 7));
            }
        }

        /// <summary>A whole byte; fast when the writer is byte-aligned.</summary>
        public void AppendByte(int value)
        {
            int shift = Length & 7;
            int at = Length >> 3;
            if (shift == 0)
            {
                _buffer[at] = (byte)value;
            }
            else
            {
                _buffer[at] |= (byte)(value >> shift);
                _buffer[at + 1] = (byte)(value << (8 - shift));
            }
            Length += 8;
        }
    }
}

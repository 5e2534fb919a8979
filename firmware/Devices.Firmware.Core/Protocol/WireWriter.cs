using System;

namespace Devices.Firmware.Core.Protocol
{
    /// <summary>
    /// Writes the wire primitives (bytes, LEB128 varints, length-prefixed UTF-8 and bytes). With a null buffer it
    /// only counts, so every encoder measures first and then writes into a buffer it knows is big enough.
    /// </summary>
    internal sealed class WireWriter
    {
        private readonly byte[]? _buffer;
        private int _position;

        /// <summary>A counting writer: it measures and stores nothing.</summary>
        public WireWriter()
        {
            _buffer = null;
        }

        public WireWriter(byte[] buffer, int offset)
        {
            _buffer = buffer;
            _position = offset;
        }

        /// <summary>Bytes written (or counted) so far, including the starting offset.</summary>
        public int Position { get { return _position; } }

        public void WriteByte(int value)
        {
            if (_buffer != null) _buffer[_position] = (byte)value;
            _position++;
        }

        public void WriteBool(bool value)
        {
            WriteByte(value ? 1 : 0);
        }

        /// <summary>A one-byte code; throws when it is above <paramref name="max"/> (the decoder would refuse it).</summary>
        public void WriteCode(string field, int value, int max)
        {
            if (value < 0 || value > max)
            {
                throw new ArgumentException(string.Concat(field, " has unknown code ", value.ToString(), "."));
            }
            WriteByte(value);
        }

        public void WriteUInt64(ulong value)
        {
            while (value >= 0x80)
            {
                WriteByte((int)(value & 0x7F) | 0x80);
                value >>= 7;
            }
            WriteByte((int)value);
        }

        public void WriteUInt32(uint value)
        {
            WriteUInt64(value);
        }

        /// <summary>Zig-zag, so small negative numbers (RSSI) stay one byte.</summary>
        public void WriteInt32(int value)
        {
            WriteUInt32((uint)((value << 1) ^ (value >> 31)));
        }

        public void WriteInt64(long value)
        {
            WriteUInt64((ulong)((value << 1) ^ (value >> 63)));
        }

        /// <summary>Length varint, then the UTF-8 bytes. Throws when the text is over <paramref name="maxBytes"/>.</summary>
        public void WriteString(string field, string? value, int maxBytes)
        {
            if (value == null) value = "";
            int n = Utf8.ByteCount(value);
            if (n > maxBytes)
            {
                throw new ArgumentException(string.Concat(field, " is ", n.ToString(), string.Concat(" bytes of UTF-8; the limit is ", maxBytes.ToString(), ".")));
            }
            WriteUInt32((uint)n);
            if (_buffer != null) Utf8.Write(value, _buffer, _position);
            _position += n;
        }

        /// <summary>Length varint, then the bytes. Throws when there are more than <paramref name="maxBytes"/>.</summary>
        public void WriteBytes(string field, byte[]? value, int maxBytes)
        {
            int n = value == null ? 0 : value.Length;
            if (n > maxBytes)
            {
                throw new ArgumentException(string.Concat(field, " is ", n.ToString(), string.Concat(" bytes; the limit is ", maxBytes.ToString(), ".")));
            }
            WriteUInt32((uint)n);
            WriteFixed(value, 0, n);
        }

        /// <summary>Raw bytes without a length (the reader knows how many).</summary>
        public void WriteFixed(byte[]? value, int offset, int count)
        {
            if (_buffer != null && count > 0) Array.Copy(value!, offset, _buffer, _position, count);
            _position += count;
        }

        /// <summary>Shared by every message's Encode(buffer, offset): refuses a buffer that is too small, clearly.</summary>
        public static void CheckRoom(string message, byte[] buffer, int offset, int length)
        {
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (offset < 0 || offset > buffer.Length || buffer.Length - offset < length)
            {
                throw new ArgumentException(string.Concat(message, " needs ", length.ToString(), string.Concat(" bytes; the buffer has ",
                    (buffer.Length - offset).ToString(), " from the offset.")));
            }
        }
    }
}

namespace Devices.Firmware.Core.Protocol
{
    /// <summary>
    /// Reads the wire primitives from a byte range. The first problem sticks: later reads return zero values and
    /// <see cref="Result"/> describes the first failure, so a decoder reads all its fields and checks once.
    /// Every length is checked against the bytes that remain before anything is allocated.
    /// </summary>
    internal sealed class WireReader
    {
        private readonly byte[] _data;
        private readonly int _end;
        private readonly string _message;
        private int _position;
        private DecodeResult _result = DecodeResult.Success;

        /// <param name="message">Name used in error messages, e.g. "Scan".</param>
        public WireReader(string message, byte[]? data, int offset, int count)
        {
            _message = message;
            if (data == null || offset < 0 || count < 0 || offset > data.Length || data.Length - offset < count)
            {
                _data = new byte[0];
                _end = 0;
                Fail(DecodeError.Truncated, "no payload (null buffer or a range outside it)");
                return;
            }
            _data = data;
            _position = offset;
            _end = offset + count;
        }

        public DecodeResult Result { get { return _result; } }
        public bool Failed { get { return !_result.Ok; } }
        public int Remaining { get { return _end - _position; } }
        /// <summary>Position in the source buffer (for tags that cover everything read so far).</summary>
        public int Position { get { return _position; } }

        /// <summary>Reads the format-version byte and fails unless it is <paramref name="expected"/>.</summary>
        public void ReadVersion(int expected)
        {
            if (Failed) return;
            if (Remaining == 0)
            {
                Fail(DecodeError.Truncated, "empty payload");
                return;
            }
            int v = _data[_position++];
            if (v != expected)
            {
                Fail(DecodeError.UnsupportedVersion, string.Concat("format version ", v.ToString(), ", but this code reads version ", expected.ToString()));
            }
        }

        public byte ReadByte(string field)
        {
            if (Failed) return 0;
            if (Remaining < 1)
            {
                Fail(DecodeError.Truncated, string.Concat("ends before ", field));
                return 0;
            }
            return _data[_position++];
        }

        public bool ReadBool(string field)
        {
            byte b = ReadByte(field);
            if (b > 1) Fail(DecodeError.Malformed, string.Concat(field, " must be 0 or 1"));
            return b == 1;
        }

        /// <summary>A byte that must be at most <paramref name="max"/> (enums whose unknown values a device cannot act on).</summary>
        public byte ReadCode(string field, int max)
        {
            byte b = ReadByte(field);
            if (b > max) Fail(DecodeError.Malformed, string.Concat(field, " has unknown code ", b.ToString()));
            return b;
        }

        /// <summary>LEB128, at most 10 bytes, minimal form only (so every value has exactly one encoding).</summary>
        public ulong ReadUInt64(string field)
        {
            if (Failed) return 0;
            ulong value = 0;
            int shift = 0;
            for (int i = 0; i < 10; i++)
            {
                if (Remaining < 1)
                {
                    Fail(DecodeError.Truncated, string.Concat("ends inside ", field));
                    return 0;
                }
                int b = _data[_position++];
                if (i == 9 && b > 1)
                {
                    Fail(DecodeError.Malformed, string.Concat(field, " overflows 64 bits"));
                    return 0;
                }
                value |= ((ulong)(b & 0x7F)) << shift;
                if ((b & 0x80) == 0)
                {
                    if (b == 0 && i > 0)
                    {
                        Fail(DecodeError.Malformed, string.Concat(field, " is not in minimal varint form"));
                        return 0;
                    }
                    return value;
                }
                shift += 7;
            }
            Fail(DecodeError.Malformed, string.Concat(field, " is a varint longer than 10 bytes"));
            return 0;
        }

        public uint ReadUInt32(string field)
        {
            ulong v = ReadUInt64(field);
            if (v > 0xFFFFFFFFUL)
            {
                Fail(DecodeError.Malformed, string.Concat(field, " does not fit in 32 bits"));
                return 0;
            }
            return (uint)v;
        }

        public int ReadInt32(string field)
        {
            uint u = ReadUInt32(field);
            return (int)(u >> 1) ^ -(int)(u & 1);
        }

        public long ReadInt64(string field)
        {
            ulong u = ReadUInt64(field);
            return (long)(u >> 1) ^ -(long)(u & 1);
        }

        /// <summary>A length varint checked against the limit and the remaining bytes.</summary>
        public int ReadLength(string field, int maxBytes)
        {
            uint n = ReadUInt32(field);
            if (Failed) return 0;
            if (n > (uint)maxBytes)
            {
                Fail(DecodeError.TooLarge, string.Concat(field, " is ", n.ToString(), string.Concat(" bytes; the limit is ", maxBytes.ToString())));
                return 0;
            }
            if (n > (uint)Remaining)
            {
                Fail(DecodeError.Truncated, string.Concat(field, " claims ", n.ToString(), string.Concat(" bytes but only ", Remaining.ToString(), " remain")));
                return 0;
            }
            return (int)n;
        }

        public string ReadString(string field, int maxBytes)
        {
            int n = ReadLength(field, maxBytes);
            if (Failed) return "";
            if (n == 0) return "";
            if (!Utf8.IsValid(_data, _position, n))
            {
                Fail(DecodeError.Malformed, string.Concat(field, " is not valid UTF-8"));
                return "";
            }
            string s = System.Text.Encoding.UTF8.GetString(_data, _position, n);
            _position += n;
            return s;
        }

        public byte[] ReadBytes(string field, int maxBytes)
        {
            int n = ReadLength(field, maxBytes);
            if (Failed) return new byte[0];
            return ReadFixed(field, n);
        }

        /// <summary>Exactly <paramref name="count"/> raw bytes (a tag, a bitmap).</summary>
        public byte[] ReadFixed(string field, int count)
        {
            if (Failed) return new byte[0];
            if (Remaining < count)
            {
                Fail(DecodeError.Truncated, string.Concat("ends inside ", field));
                return new byte[0];
            }
            var bytes = new byte[count];
            System.Array.Copy(_data, _position, bytes, 0, count);
            _position += count;
            return bytes;
        }

        /// <summary>A count varint bounded by <paramref name="max"/> (lists).</summary>
        public int ReadCount(string field, int max)
        {
            uint n = ReadUInt32(field);
            if (Failed) return 0;
            if (n > (uint)max)
            {
                Fail(DecodeError.TooLarge, string.Concat(field, " is ", n.ToString(), string.Concat("; the limit is ", max.ToString())));
                return 0;
            }
            return (int)n;
        }

        /// <summary>Records a problem the decoder found in a value (only the first one is kept).</summary>
        public void Fail(DecodeError error, string why)
        {
            if (Failed) return;
            _result = new DecodeResult(error, string.Concat(_message, ": ", why, "."));
        }
    }
}

namespace Devices.Firmware.Core.Scanning
{
    /// <summary>
    /// The flash layout of one queued scan (all integers big-endian):
    /// version 1 (u8), flags (u8, bit 0 = truncated), sequence (u32), unix seconds (u32), monotonic ms (i64),
    /// data length (u16), data, CRC-32 (u32) over everything before it. 24 bytes plus the data.
    /// </summary>
    public static class ScanRecordFile
    {
        public const byte Version = 1;
        public const int Overhead = 24;
        public const int MaxLength = Overhead + ScanRecord.MaxDataLength;

        /// <summary>Writes the record into buffer (at least MaxLength bytes) and returns the length used.</summary>
        public static int Encode(ScanRecord record, byte[] buffer)
        {
            int n = record.Data.Length;
            buffer[0] = Version;
            buffer[1] = (byte)(record.Truncated ? 1 : 0);
            BigEndian.WriteUInt32(buffer, 2, record.Sequence);
            BigEndian.WriteUInt32(buffer, 6, record.UnixSeconds);
            BigEndian.WriteInt64(buffer, 10, record.MonotonicMs);
            buffer[18] = (byte)(n >> 8);
            buffer[19] = (byte)n;
            System.Array.Copy(record.Data, 0, buffer, 20, n);
            BigEndian.WriteUInt32(buffer, 20 + n, Crc32.Compute(buffer, 0, 20 + n));
            return Overhead + n;
        }

        /// <summary>The record in file, or null when the file is torn, damaged or of another version.</summary>
        public static ScanRecord? Decode(byte[] file)
        {
            if (file == null || file.Length < Overhead || file[0] != Version || (file[1] & 0xFE) != 0) return null;
            int n = (file[18] << 8) | file[19];
            if (n > ScanRecord.MaxDataLength || file.Length != Overhead + n) return null;
            if (Crc32.Compute(file, 0, 20 + n) != BigEndian.ReadUInt32(file, 20 + n)) return null;
            return new ScanRecord(BigEndian.ReadUInt32(file, 2), BigEndian.ReadUInt32(file, 6), BigEndian.ReadInt64(file, 10),
                file[1] == 1, file, 20, n, false);
        }
    }
}

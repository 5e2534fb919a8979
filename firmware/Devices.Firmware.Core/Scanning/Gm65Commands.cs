using System;

namespace Devices.Firmware.Core.Scanning
{
    /// <summary>Output terminator the GM65 appends to each decoded code (zone 0x0060, bits 6-5).</summary>
    public enum Gm65Terminator : byte
    {
        Cr = 0,
        CrLf = 1,
        Tab = 2,
        None = 3,
    }

    /// <summary>How the GM65 starts a read (zone 0x0000, bits 1-0).</summary>
    public enum Gm65Mode : byte
    {
        /// <summary>Reads while the module's trigger pin is held.</summary>
        Manual = 0,
        /// <summary>Reads when the host writes 1 to zone 0x0002 (see <see cref="Gm65Commands.Trigger"/>).</summary>
        Command = 1,
        /// <summary>Reads all the time.</summary>
        Continuous = 2,
        /// <summary>"Induction": reads when the picture in front of it changes (a phone or a card is presented).</summary>
        Sensing = 3,
    }

    /// <summary>
    /// Command frames of GM65-family scanner modules (GM65, GM805, GM812: Hangzhou Grow's "zone bit" protocol):
    /// 7E 00 type len addrH addrL data... crcH crcL, with CRC-16/CCITT (polynomial 0x1021, initial value 0, no
    /// reflection: the XMODEM variant) over type..data. Type 07 reads len zone bytes, 08 writes them, 09 saves all
    /// zones to the module's flash. Replies are 02 00 00 len data... crcH crcL, CRC over 00 00 len data.
    /// Pure byte work, no hardware, so desktop tests check every frame.
    /// </summary>
    public static class Gm65Commands
    {
        public const byte Head1 = 0x7E;
        public const byte Head2 = 0x00;
        public const byte TypeRead = 0x07;
        public const byte TypeWrite = 0x08;
        public const byte TypeSave = 0x09;

        public const int ZoneMode = 0x0000;
        public const int ZoneTrigger = 0x0002;
        public const int ZoneTerminator = 0x0060;

        /// <summary>Longest reply we parse: 02 00 00 len + up to 16 data bytes + CRC.</summary>
        public const int MaxReplyBytes = 4 + 16 + 2;

        /// <summary>CRC-16/CCITT with initial value 0 (XMODEM); check value of "123456789" is 0x31C3.</summary>
        public static ushort Crc16(byte[] data, int offset, int count)
        {
            int crc = 0;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc ^= data[i] << 8;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                }
                crc &= 0xFFFF;
            }
            return (ushort)crc;
        }

        /// <summary>Frame that reads count zone bytes starting at address.</summary>
        public static byte[] Read(int address, int count)
        {
            if (count < 1 || count > 16) throw new ArgumentException("A GM65 read covers 1 to 16 zone bytes.");
            return Frame(TypeRead, address, new byte[] { (byte)count }, true);
        }

        /// <summary>Frame that writes data into the zone bytes starting at address (volatile until <see cref="Save"/>).</summary>
        public static byte[] Write(int address, byte[] data)
        {
            if (data == null || data.Length < 1 || data.Length > 16) throw new ArgumentException("A GM65 write carries 1 to 16 zone bytes.");
            return Frame(TypeWrite, address, data, true);
        }

        /// <summary>Frame that saves every zone byte to the module's flash: 7E 00 09 01 00 00 00 DE C8.</summary>
        public static byte[] Save()
        {
            return Frame(TypeSave, 0x0000, new byte[] { 0x00 }, true);
        }

        /// <summary>
        /// Frame that starts one read in command mode: 7E 00 08 01 00 02 01 AB CD. The datasheet writes it with
        /// AB CD, the "do not check" marker, instead of a CRC; we send it as documented.
        /// </summary>
        public static byte[] Trigger()
        {
            return Frame(TypeWrite, ZoneTrigger, new byte[] { 0x01 }, false);
        }

        /// <summary>The working-mode zone byte with bits 1-0 replaced by mode (the other bits are kept).</summary>
        public static byte WithMode(byte zone0000, Gm65Mode mode)
        {
            return (byte)((zone0000 & 0xFC) | (byte)mode);
        }

        /// <summary>The terminator zone byte with bits 6-5 replaced by terminator (the other bits are kept).</summary>
        public static byte WithTerminator(byte zone0060, Gm65Terminator terminator)
        {
            return (byte)((zone0060 & 0x9F) | ((byte)terminator << 5));
        }

        /// <summary>
        /// Finds a valid reply in buffer[offset..offset+count): returns the number of data bytes copied to data (from
        /// index 0), or -1 when no complete reply with a correct CRC is there.
        /// </summary>
        public static int ParseReply(byte[] buffer, int offset, int count, byte[] data)
        {
            int end = offset + count;
            for (int start = offset; start + 6 <= end; start++)
            {
                if (buffer[start] != 0x02 || buffer[start + 1] != 0x00 || buffer[start + 2] != 0x00) continue;
                int len = buffer[start + 3];
                if (len < 1 || start + 4 + len + 2 > end) continue;
                ushort crc = Crc16(buffer, start + 1, 3 + len);
                int crcAt = start + 4 + len;
                if (buffer[crcAt] != (byte)(crc >> 8) || buffer[crcAt + 1] != (byte)crc) continue;
                int n = len < data.Length ? len : data.Length;
                Array.Copy(buffer, start + 4, data, 0, n);
                return n;
            }
            return -1;
        }

        private static byte[] Frame(byte type, int address, byte[] data, bool withCrc)
        {
            if (address < 0 || address > 0xFFFF) throw new ArgumentException("A GM65 zone address is 0x0000 to 0xFFFF.");
            // A read's single data byte is the count; for writes len is the number of data bytes.
            var frame = new byte[2 + 4 + data.Length + 2];
            frame[0] = Head1;
            frame[1] = Head2;
            frame[2] = type;
            frame[3] = type == TypeRead ? (byte)1 : (byte)data.Length;
            frame[4] = (byte)(address >> 8);
            frame[5] = (byte)address;
            Array.Copy(data, 0, frame, 6, data.Length);
            int crcAt = 6 + data.Length;
            if (withCrc)
            {
                ushort crc = Crc16(frame, 2, crcAt - 2);
                frame[crcAt] = (byte)(crc >> 8);
                frame[crcAt + 1] = (byte)crc;
            }
            else
            {
                frame[crcAt] = 0xAB;
                frame[crcAt + 1] = 0xCD;
            }
            return frame;
        }
    }
}

namespace Devices.Firmware.Core.Scanning
{
    /// <summary>Fixed byte order for what we store in flash (no BitConverter: its order depends on the platform).</summary>
    internal static class BigEndian
    {
        public static void WriteUInt32(byte[] b, int at, uint v)
        {
            b[at] = (byte)(v >> 24);
            b[at + 1] = (byte)(v >> 16);
            b[at + 2] = (byte)(v >> 8);
            b[at + 3] = (byte)v;
        }

        public static uint ReadUInt32(byte[] b, int at)
        {
            return ((uint)b[at] << 24) | ((uint)b[at + 1] << 16) | ((uint)b[at + 2] << 8) | b[at + 3];
        }

        public static void WriteInt64(byte[] b, int at, long v)
        {
            WriteUInt32(b, at, (uint)((ulong)v >> 32));
            WriteUInt32(b, at + 4, (uint)v);
        }

        public static long ReadInt64(byte[] b, int at)
        {
            return (long)(((ulong)ReadUInt32(b, at) << 32) | ReadUInt32(b, at + 4));
        }
    }
}

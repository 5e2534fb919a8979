namespace Devices.Firmware.Core.Protocol
{
    /// <summary>
    /// dev/{id}/scan: one code read by the scanner. Costs the data plus 5 to 14 bytes. Published at QoS 1; the
    /// device deletes it from its flash queue only after the PUBACK, and the gateway dedups by (device, seq).
    /// </summary>
    public sealed class ScanMessage : WireMessage
    {
        public const int FormatVersion = 1;
        public const int MaxDataBytes = 1024;

        /// <summary>Per-device sequence number, starting at 1, surviving reboots.</summary>
        public uint Seq;
        /// <summary>When the code was read (unix seconds); 0 when the device had no valid clock then.</summary>
        public uint UnixTime;
        /// <summary>Milliseconds from the read to this publish by the device's uptime clock; 0 when unknown (a reboot in between).</summary>
        public uint AgeMillis;
        /// <summary>The bytes the scanner sent, without the terminator.</summary>
        public byte[] Data = new byte[0];

        internal override string WireName { get { return "Scan"; } }

        public static DecodeResult TryDecode(byte[]? data, int offset, int count, out ScanMessage message)
        {
            var r = new WireReader("Scan", data, offset, count);
            var m = new ScanMessage();
            r.ReadVersion(FormatVersion);
            m.Seq = r.ReadUInt32("seq");
            m.UnixTime = r.ReadUInt32("unix time");
            m.AgeMillis = r.ReadUInt32("age");
            m.Data = r.ReadBytes("data", MaxDataBytes);
            message = r.Failed ? new ScanMessage() : m;
            return r.Result;
        }

        internal override void Write(WireWriter w)
        {
            w.WriteByte(FormatVersion);
            w.WriteUInt32(Seq);
            w.WriteUInt32(UnixTime);
            w.WriteUInt32(AgeMillis);
            w.WriteBytes("Scan data", Data, MaxDataBytes);
        }
    }
}

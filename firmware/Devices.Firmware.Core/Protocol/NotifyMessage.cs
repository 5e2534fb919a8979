namespace Devices.Firmware.Core.Protocol
{
    /// <summary>
    /// cmd/{id}/notify: something to show or flash now, not stored: a message over the content for a few
    /// seconds ("Paid", "Welcome back"), an LED pattern ("find this label"), and optionally the scan it answers.
    /// </summary>
    public sealed class NotifyMessage : WireMessage
    {
        public const int FormatVersion = 1;
        public const int MaxTextBytes = 128;

        /// <summary>Message to show; empty = none. Drawn with the device font (Latin-1 and currency signs).</summary>
        public string Text = "";
        public uint DisplaySeconds;
        public LedPattern Led = LedPattern.None;
        /// <summary>How many flashes (or seconds for Steady).</summary>
        public uint LedCount;
        /// <summary>Seq of the scan this answers; 0 = not an answer to a scan.</summary>
        public uint ScanSeq;
        public ScanOutcome Outcome = ScanOutcome.None;

        internal override string WireName { get { return "Notify"; } }

        public static DecodeResult TryDecode(byte[]? data, int offset, int count, out NotifyMessage message)
        {
            var r = new WireReader("Notify", data, offset, count);
            var m = new NotifyMessage();
            r.ReadVersion(FormatVersion);
            m.Text = r.ReadString("text", MaxTextBytes);
            m.DisplaySeconds = r.ReadUInt32("display seconds");
            m.Led = (LedPattern)r.ReadCode("led pattern", 3);
            m.LedCount = r.ReadUInt32("led count");
            m.ScanSeq = r.ReadUInt32("scan seq");
            m.Outcome = (ScanOutcome)r.ReadCode("scan outcome", 2);
            message = r.Failed ? new NotifyMessage() : m;
            return r.Result;
        }

        internal override void Write(WireWriter w)
        {
            w.WriteByte(FormatVersion);
            w.WriteString("Notify text", Text, MaxTextBytes);
            w.WriteUInt32(DisplaySeconds);
            w.WriteCode("Notify led pattern", (int)Led, 3);
            w.WriteUInt32(LedCount);
            w.WriteUInt32(ScanSeq);
            w.WriteCode("Notify scan outcome", (int)Outcome, 2);
        }
    }
}

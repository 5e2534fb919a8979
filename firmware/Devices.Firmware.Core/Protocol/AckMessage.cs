namespace Devices.Firmware.Core.Protocol
{
    /// <summary>
    /// dev/{id}/ack: the device's answer to a content message. Carries the version it concerned and the version
    /// now applied, so the gateway can reconcile from acks alone.
    /// </summary>
    public sealed class AckMessage : WireMessage
    {
        public const int FormatVersion = 1;
        public const int MaxDetailBytes = 96;

        /// <summary>Version of the content message this answers; 0 if it did not decode far enough to tell.</summary>
        public uint ContentVersion;
        public AckResult Result = AckResult.Applied;
        /// <summary>Version on the display after handling it.</summary>
        public uint AppliedContentVersion;
        /// <summary>One sentence for logs (e.g. the decoder's message); may be empty.</summary>
        public string Detail = "";

        internal override string WireName { get { return "Ack"; } }

        public static DecodeResult TryDecode(byte[]? data, int offset, int count, out AckMessage message)
        {
            var r = new WireReader("Ack", data, offset, count);
            var m = new AckMessage();
            r.ReadVersion(FormatVersion);
            m.ContentVersion = r.ReadUInt32("content version");
            m.Result = (AckResult)r.ReadByte("result");
            m.AppliedContentVersion = r.ReadUInt32("applied content version");
            m.Detail = r.ReadString("detail", MaxDetailBytes);
            message = r.Failed ? new AckMessage() : m;
            return r.Result;
        }

        /// <summary>Cuts <paramref name="detail"/> to fit the limit, for devices that pass on decoder messages.</summary>
        public static string FitDetail(string detail)
        {
            if (detail == null) return "";
            string s = detail;
            while (Utf8.ByteCount(s) > MaxDetailBytes) s = s.Substring(0, s.Length - 1);
            return s;
        }

        internal override void Write(WireWriter w)
        {
            w.WriteByte(FormatVersion);
            w.WriteUInt32(ContentVersion);
            w.WriteByte((int)Result);
            w.WriteUInt32(AppliedContentVersion);
            w.WriteString("Ack detail", Detail, MaxDetailBytes);
        }
    }
}

namespace Devices.Firmware.Core.Protocol
{
    /// <summary>
    /// cmd/{id}/welcome: the gateway's reply to hello. Gives the time (a store LAN may block NTP) and the content
    /// version the device should show; when it differs from the applied one, content follows on cmd/{id}/content.
    /// Not signed: it carries no content, and a device clamps the wake interval, so a forged welcome can only
    /// shift timing (see docs/protocol.md, "Security").
    /// </summary>
    public sealed class WelcomeMessage : WireMessage
    {
        public const int FormatVersion = 1;

        /// <summary>Seconds since 1970-01-01 UTC.</summary>
        public uint UnixTime;
        public uint DesiredContentVersion;
        /// <summary>Seconds between wakes for a sleeping label; 0 = keep the current schedule.</summary>
        public uint WakeIntervalSeconds;

        internal override string WireName { get { return "Welcome"; } }

        public static DecodeResult TryDecode(byte[]? data, int offset, int count, out WelcomeMessage message)
        {
            var r = new WireReader("Welcome", data, offset, count);
            var m = new WelcomeMessage();
            r.ReadVersion(FormatVersion);
            m.UnixTime = r.ReadUInt32("unix time");
            m.DesiredContentVersion = r.ReadUInt32("desired content version");
            m.WakeIntervalSeconds = r.ReadUInt32("wake interval");
            message = r.Failed ? new WelcomeMessage() : m;
            return r.Result;
        }

        internal override void Write(WireWriter w)
        {
            w.WriteByte(FormatVersion);
            w.WriteUInt32(UnixTime);
            w.WriteUInt32(DesiredContentVersion);
            w.WriteUInt32(WakeIntervalSeconds);
        }
    }
}

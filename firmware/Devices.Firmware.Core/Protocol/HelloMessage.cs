namespace Devices.Firmware.Core.Protocol
{
    /// <summary>
    /// dev/{id}/hello: sent after every connect. Reports what the device runs and shows, so the gateway can
    /// reconcile (resend content when <see cref="AppliedContentVersion"/> differs from the desired version) and
    /// answer with a <see cref="WelcomeMessage"/> (time, desired version).
    /// </summary>
    public sealed class HelloMessage : WireMessage
    {
        public const int FormatVersion = 1;
        public const int MaxFirmwareVersionBytes = 32;

        /// <summary>e.g. "1.4.2".</summary>
        public string FirmwareVersion = "";
        public DeviceKind Kind = DeviceKind.Unknown;
        /// <summary>Version of the content on the display; 0 = none yet.</summary>
        public uint AppliedContentVersion;
        /// <summary>Battery voltage in millivolts; 0 = mains powered or unknown.</summary>
        public uint BatteryMillivolts;
        /// <summary>Wi-Fi signal in dBm (negative); 0 = unknown.</summary>
        public int Rssi;
        public uint BootCount;
        /// <summary>Scans dropped since provisioning because the flash queue was full.</summary>
        public uint DroppedScans;
        /// <summary>Scans waiting in the flash queue.</summary>
        public uint QueuedScans;
        public WakeCause WakeCause = WakeCause.Unknown;

        internal override string WireName { get { return "Hello"; } }

        /// <summary>Never throws. On failure <paramref name="message"/> is an empty message and the result says why.</summary>
        public static DecodeResult TryDecode(byte[]? data, int offset, int count, out HelloMessage message)
        {
            var r = new WireReader("Hello", data, offset, count);
            var m = new HelloMessage();
            r.ReadVersion(FormatVersion);
            m.FirmwareVersion = r.ReadString("firmware version", MaxFirmwareVersionBytes);
            m.Kind = (DeviceKind)r.ReadCode("device kind", 2);
            m.AppliedContentVersion = r.ReadUInt32("applied content version");
            m.BatteryMillivolts = r.ReadUInt32("battery");
            m.Rssi = r.ReadInt32("rssi");
            m.BootCount = r.ReadUInt32("boot count");
            m.DroppedScans = r.ReadUInt32("dropped scans");
            m.QueuedScans = r.ReadUInt32("queued scans");
            m.WakeCause = (WakeCause)r.ReadByte("wake cause");
            message = r.Failed ? new HelloMessage() : m;
            return r.Result;
        }

        internal override void Write(WireWriter w)
        {
            w.WriteByte(FormatVersion);
            w.WriteString("Hello firmware version", FirmwareVersion, MaxFirmwareVersionBytes);
            w.WriteCode("Hello device kind", (int)Kind, 2);
            w.WriteUInt32(AppliedContentVersion);
            w.WriteUInt32(BatteryMillivolts);
            w.WriteInt32(Rssi);
            w.WriteUInt32(BootCount);
            w.WriteUInt32(DroppedScans);
            w.WriteUInt32(QueuedScans);
            w.WriteByte((int)WakeCause);
        }
    }
}

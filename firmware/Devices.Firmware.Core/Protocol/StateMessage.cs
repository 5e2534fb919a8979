namespace Devices.Firmware.Core.Protocol
{
    /// <summary>
    /// dev/{id}/state: online with details, or offline. The device sets <see cref="OfflineWillText"/> as its MQTT
    /// last will on this topic, so the broker publishes a valid offline state when the device vanishes.
    /// Layout: version, status, and only when online: battery, rssi, applied version, dropped scans, display.
    /// </summary>
    public sealed class StateMessage : WireMessage
    {
        public const int FormatVersion = 1;

        /// <summary>
        /// The offline state as a string, for M2Mqtt's Connect(..., string willMessage, ...), which sends it as UTF-8:
        /// both bytes (0x01 0x02) are ASCII and non-zero, so the broker stores exactly the bytes of
        /// <see cref="EncodeOffline"/>.
        /// </summary>
        public const string OfflineWillText = "\u0001\u0002";

        public DeviceStatus Status = DeviceStatus.Online;
        public uint BatteryMillivolts;
        public int Rssi;
        public uint AppliedContentVersion;
        public uint DroppedScans;
        public DisplayState Display = DisplayState.Unknown;

        /// <summary>The will payload as bytes (for clients that take bytes).</summary>
        public static byte[] EncodeOffline()
        {
            var m = new StateMessage();
            m.Status = DeviceStatus.Offline;
            return m.Encode();
        }

        internal override string WireName { get { return "State"; } }

        /// <summary>For an offline state the detail fields come back as zero.</summary>
        public static DecodeResult TryDecode(byte[]? data, int offset, int count, out StateMessage message)
        {
            var r = new WireReader("State", data, offset, count);
            var m = new StateMessage();
            r.ReadVersion(FormatVersion);
            byte status = r.ReadByte("status");
            if (!r.Failed && status != (byte)DeviceStatus.Online && status != (byte)DeviceStatus.Offline)
            {
                r.Fail(DecodeError.Malformed, string.Concat("status has unknown code ", status.ToString()));
            }
            m.Status = (DeviceStatus)status;
            if (m.Status == DeviceStatus.Online)
            {
                m.BatteryMillivolts = r.ReadUInt32("battery");
                m.Rssi = r.ReadInt32("rssi");
                m.AppliedContentVersion = r.ReadUInt32("applied content version");
                m.DroppedScans = r.ReadUInt32("dropped scans");
                m.Display = (DisplayState)r.ReadByte("display state");
            }
            message = r.Failed ? new StateMessage() : m;
            return r.Result;
        }

        internal override void Write(WireWriter w)
        {
            w.WriteByte(FormatVersion);
            if (Status != DeviceStatus.Online && Status != DeviceStatus.Offline)
            {
                throw new System.ArgumentException("State status must be Online or Offline.");
            }
            w.WriteByte((int)Status);
            if (Status != DeviceStatus.Online) return;
            w.WriteUInt32(BatteryMillivolts);
            w.WriteInt32(Rssi);
            w.WriteUInt32(AppliedContentVersion);
            w.WriteUInt32(DroppedScans);
            w.WriteByte((int)Display);
        }
    }
}

namespace Devices.Firmware.Core.Apps
{
    /// <summary>Tunables of a table tent; the defaults are what a shipped device uses.</summary>
    public sealed class TableTentOptions
    {
        public string FirmwareVersion = "1.0.0";
        public int KeepAliveSeconds = 30;
        /// <summary>First reconnect delay; doubles per failure up to ReconnectMaxMs (with jitter).</summary>
        public long ReconnectInitialMs = 1000;
        public long ReconnectMaxMs = 60000;
        /// <summary>How long the link may be down before the screen shows the offline mark (codes stay valid meanwhile).</summary>
        public long OfflineMarkAfterMs = 60000;
        /// <summary>E-paper: a full refresh after this many partial ones, to clear ghosting.</summary>
        public int FullRefreshEvery = 5;
        public int ScanQueueCapacity = 500;
        /// <summary>Overlay time when a notify message gives none.</summary>
        public uint DefaultOverlaySeconds = 5;
        /// <summary>A requested self-test fails its MQTT check when the PUBACK takes longer than this.</summary>
        public long SelfTestRoundTripMs = 5000;
    }
}

namespace Devices.Firmware.Core.Apps
{
    /// <summary>Tunables of a shelf label's wake cycle; the defaults are what a shipped label uses.</summary>
    public sealed class ShelfLabelOptions
    {
        public string FirmwareVersion = "1.0.0";
        public int KeepAliveSeconds = 60;
        /// <summary>Wake interval until content or the gateway sets one.</summary>
        public uint DefaultWakeSeconds = 3600;
        /// <summary>Intervals from the gateway are clamped to this range (a forged welcome can only shift timing so far).</summary>
        public uint MinWakeSeconds = 60;
        public uint MaxWakeSeconds = 86400;
        /// <summary>Radio time allowed for reaching the broker, retries included.</summary>
        public long ConnectBudgetMs = 10000;
        public long ConnectRetryMs = 1000;
        /// <summary>How long to wait for the gateway's welcome after hello.</summary>
        public long WelcomeWaitMs = 3000;
        /// <summary>How long to wait for content the welcome announced.</summary>
        public long ContentWaitMs = 5000;
        /// <summary>How long to wait for the PUBACK of the ack before sleeping anyway.</summary>
        public long AckWaitMs = 2000;
        /// <summary>After a welcome with nothing new: a short wait for a notify (LED flash) before sleeping.</summary>
        public long LingerMs = 200;
        /// <summary>A requested self-test fails its MQTT check when the PUBACK takes longer than this.</summary>
        public long SelfTestRoundTripMs = 5000;
        /// <summary>Gateway unreachable: sleep this long, doubling per failed wake up to RetryMaxSeconds.</summary>
        public uint RetryInitialSeconds = 60;
        public uint RetryMaxSeconds = 14400;
    }
}

using DeviceIdRules = Devices.Firmware.Core.Protocol.DeviceId;

namespace Devices.Firmware.Core.Config
{
    /// <summary>
    /// I:\device.conf, written by `devices provision`: who the device is and where its broker is. Wi-Fi credentials
    /// are not here: nanoff stores them in the firmware's own network configuration (--networkdeployment).
    /// </summary>
    public sealed class DeviceConfig
    {
        public const string FileName = "device.conf";
        public const int FormatVersion = 1;

        public string DeviceId = "";
        /// <summary>"table-tent" or "shelf-label".</summary>
        public string Kind = "";
        /// <summary>32 bytes; the root of every key (see Security.DeviceIdentity).</summary>
        public byte[] Secret = new byte[0];
        public string BrokerHost = "";
        public int BrokerPort = 1883;
        /// <summary>The board build id, e.g. "shelf-label-wroom-213"; must equal board.conf's.</summary>
        public string Board = "";

        public static DeviceConfig Parse(byte[]? bytes)
        {
            ConfigFile f = ConfigFile.Parse(FileName, bytes);
            if (f.Number("format") != FormatVersion)
            {
                throw new System.ArgumentException(string.Concat(FileName, ": format ", f.Text("format"), " is not supported; this firmware reads format 1."));
            }
            var c = new DeviceConfig();
            c.DeviceId = f.Text("device-id");
            DeviceIdRules.Check(c.DeviceId);
            c.Kind = f.Text("kind");
            if (c.Kind != "table-tent" && c.Kind != "shelf-label")
            {
                throw new System.ArgumentException(string.Concat(FileName, ": kind '", c.Kind, "' must be table-tent or shelf-label."));
            }
            c.Secret = f.Hex("secret", 32);
            c.BrokerHost = f.Text("broker-host");
            c.BrokerPort = f.Number("broker-port", 1883);
            if (c.BrokerPort < 1 || c.BrokerPort > 65535) throw new System.ArgumentException(string.Concat(FileName, ": broker-port must be 1 to 65535."));
            c.Board = f.Text("board");
            return c;
        }
    }
}

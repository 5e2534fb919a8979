namespace Devices.Firmware.Core.Protocol
{
    /// <summary>
    /// Topic names: uplinks dev/{id}/{kind}, downlinks cmd/{id}/{kind}. Three levels, lower case, no dots, so the
    /// same names work on MQTTnet, Mosquitto, EMQX and RabbitMQ's MQTT plugin.
    /// </summary>
    public static class Topics
    {
        public const string UplinkRoot = "dev";
        public const string DownlinkRoot = "cmd";
        /// <summary>What the gateway subscribes to: every device's uplinks.</summary>
        public const string AllUplinks = "dev/+/+";

        /// <summary>dev/{id}/hello, cmd/{id}/content, ... Throws on an invalid device id.</summary>
        public static string Build(TopicKind kind, string deviceId)
        {
            DeviceId.Check(deviceId);
            return string.Concat(IsUplink(kind) ? UplinkRoot : DownlinkRoot, "/", deviceId, string.Concat("/", LevelName(kind)));
        }

        /// <summary>What a device subscribes to: cmd/{id}/+ (its own downlinks only).</summary>
        public static string DownlinkFilter(string deviceId)
        {
            DeviceId.Check(deviceId);
            return string.Concat(DownlinkRoot, "/", deviceId, "/+");
        }

        public static bool IsUplink(TopicKind kind)
        {
            return kind == TopicKind.Hello || kind == TopicKind.Scan || kind == TopicKind.Ack || kind == TopicKind.State || kind == TopicKind.SelfTest;
        }

        public static string LevelName(TopicKind kind)
        {
            switch (kind)
            {
                case TopicKind.Hello: return "hello";
                case TopicKind.Scan: return "scan";
                case TopicKind.Ack: return "ack";
                case TopicKind.State: return "state";
                case TopicKind.SelfTest: return "selftest";
                case TopicKind.Welcome: return "welcome";
                case TopicKind.Content: return "content";
                case TopicKind.Notify: return "notify";
                case TopicKind.SelfTestRequest: return "selftest"; // the same level name as the report, under cmd/
                default: return "";
            }
        }

        /// <summary>
        /// Parses dev/{id}/{kind} or cmd/{id}/{kind}. False for anything else: another root, an invalid id, an
        /// unknown kind, an uplink kind under cmd/ (or the reverse), extra levels. Never throws.
        /// </summary>
        public static bool TryParse(string? topic, out TopicKind kind, out string deviceId)
        {
            kind = TopicKind.Hello;
            deviceId = "";
            if (topic == null || topic.Length > 64) return false;
            int first = topic.IndexOf('/');
            if (first < 0) return false;
            int second = topic.IndexOf('/', first + 1);
            if (second < 0 || topic.IndexOf('/', second + 1) >= 0) return false;

            string root = topic.Substring(0, first);
            string id = topic.Substring(first + 1, second - first - 1);
            string level = topic.Substring(second + 1);
            bool uplink;
            if (root == UplinkRoot) uplink = true;
            else if (root == DownlinkRoot) uplink = false;
            else return false;
            if (!DeviceId.IsValid(id)) return false;
            if (!TryParseLevel(level, out kind)) return false;
            if (!uplink && kind == TopicKind.SelfTest) kind = TopicKind.SelfTestRequest;
            if (IsUplink(kind) != uplink) return false;
            deviceId = id;
            return true;
        }

        private static bool TryParseLevel(string level, out TopicKind kind)
        {
            // An if-chain rather than a string switch: the compiler's hashed string switch is not worth the risk on the device.
            kind = TopicKind.Hello;
            if (level == "hello") kind = TopicKind.Hello;
            else if (level == "scan") kind = TopicKind.Scan;
            else if (level == "ack") kind = TopicKind.Ack;
            else if (level == "state") kind = TopicKind.State;
            else if (level == "selftest") kind = TopicKind.SelfTest;
            else if (level == "welcome") kind = TopicKind.Welcome;
            else if (level == "content") kind = TopicKind.Content;
            else if (level == "notify") kind = TopicKind.Notify;
            else return false;
            return true;
        }
    }
}

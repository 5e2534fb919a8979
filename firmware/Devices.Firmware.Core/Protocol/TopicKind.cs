namespace Devices.Firmware.Core.Protocol
{
    /// <summary>The last topic level. Uplinks go to dev/{id}/..., downlinks to cmd/{id}/...</summary>
    public enum TopicKind : byte
    {
        // Uplink: device to gateway.
        Hello = 1,
        Scan = 2,
        Ack = 3,
        State = 4,
        SelfTest = 5,

        // Downlink: gateway to device.
        Welcome = 16,
        Content = 17,
        Notify = 18,
        /// <summary>cmd/{id}/selftest: run a self-test (its report comes back on dev/{id}/selftest).</summary>
        SelfTestRequest = 19,
    }
}

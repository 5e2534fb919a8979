namespace Devices.Firmware.Core.Protocol
{
    /// <summary>Why the device is awake. Informational: decoders accept unknown values.</summary>
    public enum WakeCause : byte
    {
        Unknown = 0,
        PowerOn = 1,
        Timer = 2,
        Button = 3,
        Reset = 4,
        Watchdog = 5,
        /// <summary>Awake all along; the MQTT connection was re-established.</summary>
        Reconnect = 6,
    }
}

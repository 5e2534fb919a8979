namespace Devices.Firmware.Core.Protocol
{
    /// <summary>Connection status in a state message. No zero value on purpose: the offline will has no NUL byte.</summary>
    public enum DeviceStatus : byte
    {
        Online = 1,
        Offline = 2,
    }
}

namespace Devices.Firmware.Core.Protocol
{
    public enum DeviceKind : byte
    {
        Unknown = 0,
        TableTent = 1,
        ShelfLabel = 2,
    }
}

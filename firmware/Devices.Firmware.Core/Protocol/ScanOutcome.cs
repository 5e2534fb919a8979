namespace Devices.Firmware.Core.Protocol
{
    /// <summary>The backend's verdict on a scan, for a tick or cross next to the message.</summary>
    public enum ScanOutcome : byte
    {
        None = 0,
        Accepted = 1,
        Rejected = 2,
    }
}

namespace Devices.Firmware.Core.Codes
{
    /// <summary>Outcome of an encode. On <see cref="DataTooLong"/>, <see cref="QrEncoder.LastError"/> says why.</summary>
    public enum QrStatus
    {
        Ok = 0,
        DataTooLong = 1,
    }
}

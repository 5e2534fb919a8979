namespace Devices.Firmware.Core.Drawing
{
    /// <summary>
    /// How the picture is turned on the panel, clockwise. Drawing always uses logical coordinates
    /// (x to the right, y down, as the viewer sees the mounted panel); the frame buffer maps them to RAM order.
    /// </summary>
    public enum Rotation : byte
    {
        None = 0,
        Clockwise90 = 1,
        Half = 2,
        Clockwise270 = 3,
    }
}

namespace Devices.Firmware.Core.Text
{
    /// <summary>Where a line sits horizontally inside its box.</summary>
    public enum TextAlign : byte
    {
        Left = 0,
        Center = 1,
        Right = 2,
    }
}

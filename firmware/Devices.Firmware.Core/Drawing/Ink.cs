namespace Devices.Firmware.Core.Drawing
{
    /// <summary>What a pixel shows. Red falls back to black on black/white panels.</summary>
    public enum Ink : byte
    {
        White = 0,
        Black = 1,
        Red = 2,
    }
}

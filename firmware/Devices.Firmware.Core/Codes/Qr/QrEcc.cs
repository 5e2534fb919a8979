namespace Devices.Firmware.Core.Codes
{
    /// <summary>Error correction level: the share of codewords that can be restored (about 7, 15, 25, 30 %).</summary>
    public enum QrEcc
    {
        Low = 0,
        Medium = 1,
        Quartile = 2,
        High = 3,
    }
}

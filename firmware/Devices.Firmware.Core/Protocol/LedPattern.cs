namespace Devices.Firmware.Core.Protocol
{
    public enum LedPattern : byte
    {
        None = 0,
        /// <summary>On 500 ms, off 500 ms.</summary>
        Blink = 1,
        /// <summary>On 100 ms, off 100 ms ("find this label").</summary>
        FastBlink = 2,
        /// <summary>On for the whole count, in seconds.</summary>
        Steady = 3,
    }
}

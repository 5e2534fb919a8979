using Devices.Firmware.Core.Hal;
using Devices.Firmware.Core.Protocol;

namespace Devices.Firmware.Core.Apps
{
    /// <summary>Turns a notify message's LED pattern into LED calls.</summary>
    internal static class LedSignal
    {
        public static void Show(ILed? led, LedPattern pattern, uint count)
        {
            if (led == null || pattern == LedPattern.None) return;
            int times = count == 0 ? 1 : (count > 600 ? 600 : (int)count);
            switch (pattern)
            {
                case LedPattern.Blink: led.Flash(500, 500, times); break;
                case LedPattern.FastBlink: led.Flash(100, 100, times); break;
                case LedPattern.Steady: led.Flash(times * 1000, 0, 1); break;
            }
        }
    }
}

using System;
using Devices.Firmware.Core.Hal;
using Devices.Firmware.Core.Protocol;
using nanoFramework.Hardware.Esp32;

namespace Devices.Firmware.Hal.Esp32Power
{
    /// <summary>
    /// Deep sleep with wake by timer or the button (ext0, level low). Wake is a reset; the cause is read at boot.
    /// Checked against nanoframework/nanoFramework.Hardware.Esp32 nanoFramework.Hardware.Esp32/Sleep.cs
    /// (EnableWakeupByTimer(TimeSpan), EnableWakeupByPin(WakeupGpioPin, int), StartDeepSleep, GetWakeupCause).
    /// </summary>
    public sealed class Esp32Power : IPower
    {
        private readonly Sleep.WakeupGpioPin _button;
        private readonly WakeCause _cause;

        public Esp32Power(int buttonPin)
        {
            // WakeupGpioPin is a bit mask: Pin33 = 1 << 33, and so on for the RTC GPIOs (the board rules demand one).
            _button = (Sleep.WakeupGpioPin)((ulong)1 << buttonPin);
            Sleep.WakeupCause c = Sleep.GetWakeupCause();
            _cause = c == Sleep.WakeupCause.Timer ? WakeCause.Timer : c == Sleep.WakeupCause.Ext0 ? WakeCause.Button : WakeCause.Reset;
        }

        public WakeCause WakeCause { get { return _cause; } }

        public void DeepSleep(long durationMs)
        {
            Sleep.EnableWakeupByTimer(TimeSpan.FromTicks(durationMs * TimeSpan.TicksPerMillisecond));
            Sleep.EnableWakeupByPin(_button, 0); // the button pulls the pin low
            Sleep.StartDeepSleep(); // does not return
        }
    }
}

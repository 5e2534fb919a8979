using System;
using Devices.Firmware.Core.Hal;
using nanoFramework.Hardware.Esp32;

namespace Devices.Firmware.Hal.Esp32Clock
{
    /// <summary>
    /// Monotonic time from the ESP32 high-resolution timer (microseconds since boot: CoreLibrary 1.17 has no
    /// Environment.TickCount64; checked against nanoframework/nanoFramework.Hardware.Esp32
    /// nanoFramework.Hardware.Esp32/HighResTimer.cs GetCurrent); wall time from the RTC, which SNTP (started by the ESP32 network stack
    /// once an IP is obtained) or the gateway's welcome (Rtc.SetSystemTime) sets.
    /// </summary>
    public sealed class Esp32Clock : IClock
    {
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public long MonotonicMs { get { return (long)(HighResTimer.GetCurrent() / 1000); } }

        /// <summary>The RTC starts in 1970 after a reset; anything before 2024 was never set.</summary>
        public bool IsWallTimeKnown { get { return DateTime.UtcNow.Year >= 2024; } }

        public long UnixSeconds { get { return (DateTime.UtcNow - Epoch).Ticks / TimeSpan.TicksPerSecond; } }
    }
}

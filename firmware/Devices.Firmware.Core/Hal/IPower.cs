using Devices.Firmware.Core.Protocol;

namespace Devices.Firmware.Core.Hal
{
    /// <summary>Sleep control.</summary>
    public interface IPower
    {
        /// <summary>
        /// Why this boot happened (on an ESP32 every wake from deep sleep is a reset): Reset (power-on, reset button,
        /// watchdog, crash), Timer or Button. The same enum goes into the hello message.
        /// </summary>
        WakeCause WakeCause { get; }

        /// <summary>Deep sleep for the duration (the button also wakes). On the device this does not return: wake is a reset.</summary>
        void DeepSleep(long durationMs);
    }
}

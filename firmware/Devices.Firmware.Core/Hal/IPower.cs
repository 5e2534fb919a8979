namespace Devices.Firmware.Core.Hal
{
    /// <summary>Why the device is running: on an ESP32 every wake from deep sleep is a reset.</summary>
    public enum WakeCause
    {
        /// <summary>Power-on, reset button, watchdog or a crash.</summary>
        Reset = 0,

        /// <summary>The deep-sleep timer expired.</summary>
        Timer = 1,

        /// <summary>The user pressed the wake button.</summary>
        Button = 2,
    }

    /// <summary>Sleep control.</summary>
    public interface IPower
    {
        /// <summary>Why this boot happened.</summary>
        WakeCause WakeCause { get; }

        /// <summary>Deep sleep for the duration (the button also wakes). On the device this does not return: wake is a reset.</summary>
        void DeepSleep(long durationMs);
    }
}

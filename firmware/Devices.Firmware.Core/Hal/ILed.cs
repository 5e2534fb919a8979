namespace Devices.Firmware.Core.Hal
{
    /// <summary>A status LED (also used to find a label on the shelf).</summary>
    public interface ILed
    {
        /// <summary>Switches the LED on or off; stops any flashing.</summary>
        void Set(bool on);

        /// <summary>Flashes times times with the given on and off durations, then leaves the LED off. Does not block.</summary>
        void Flash(int onMs, int offMs, int times);
    }
}

namespace Devices.Firmware.Core.Hal
{
    /// <summary>The battery gauge (shelf labels); mains-powered devices report 100 %.</summary>
    public interface IBattery
    {
        /// <summary>Battery voltage in millivolts, measured now.</summary>
        int Millivolts { get; }

        /// <summary>Remaining charge estimate, 0..100.</summary>
        int Percent { get; }
    }
}

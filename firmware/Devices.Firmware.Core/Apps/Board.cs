using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Hal;

namespace Devices.Firmware.Core.Apps
{
    /// <summary>
    /// The hardware an app runs on, as the HAL sees it. The nanoFramework project fills it with real drivers, the
    /// simulator with PC stand-ins, the tests with fakes. Parts a device does not have stay null (a table tent has
    /// no battery gauge, a shelf label no scanner).
    /// </summary>
    public sealed class Board
    {
        public Panel Panel = Panel.Epd29;
        public IDisplay? Display;
        public IMqttLink? Link;
        public IStorage? Storage;
        public IClock? Clock;
        public IScanner? Scanner;
        public IPower? Power;
        public IBattery? Battery;
        public ISignal? Signal;
        public ILed? Led;
    }
}

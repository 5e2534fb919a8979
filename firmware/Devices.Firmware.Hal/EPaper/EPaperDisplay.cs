using System.Device.Gpio;
using System.Device.Spi;
using Devices.Firmware.Core.Hal;
using Iot.Device.EPaper.Drivers.Ssd168x;
using Iot.Device.EPaper.Drivers.Ssd168x.Ssd1680;
using nanoFramework.Hardware.Esp32;

namespace Devices.Firmware.Hal.EPaper
{
    /// <summary>
    /// An SSD1680 panel through Iot.Device.EPaper, fed our frame planes (already in RAM order) in one write each.
    /// Checked against nanoframework/nanoFramework.IoT.Device devices/ePaper/Drivers/Ssd168x/Ssd168x.cs and Ssd1680/Ssd1680.cs.
    /// </summary>
    public sealed class EPaperDisplay : IDisplay
    {
        private readonly Ssd1680 _panel;
        private readonly GpioPin _power;
        private readonly int _ramHeight;
        private bool _awake;

        /// <param name="ramWidth">Width the driver addresses, a multiple of 8 (128 for both the 122-pixel 2.13" and the 2.9" panel).</param>
        public EPaperDisplay(GpioController gpio, int mosi, int clock, int cs, int dc, int reset, int busy, int powerPin,
            int visibleWidth, int visibleHeight, int ramWidth, int ramHeight, bool partialRefresh)
        {
            // ESP32 SPI1 has no fixed pins in nanoFramework: map them first (Configuration.cs, DeviceFunction.SPI1_*).
            Configuration.SetPinFunction(mosi, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(clock, DeviceFunction.SPI1_CLOCK);
            var settings = new SpiConnectionSettings(1, cs)
            {
                ClockFrequency = 4_000_000, // below Ssd168x.SpiClockFrequency (20 MHz): long wires on the adapter board
                Mode = Ssd168x.SpiMode,
                ChipSelectLineActiveState = false,
                Configuration = SpiBusConfiguration.HalfDuplex,
                DataFlow = DataFlow.MsbFirst,
            };
            if (powerPin >= 0)
            {
                _power = gpio.OpenPin(powerPin, PinMode.Output);
                _power.Write(PinValue.High); // P-MOSFET: high = panel off until the first Show
            }
            // Pass the GpioController: the base constructor calls gpioController.OpenPin, so null throws.
            // enableFramePaging false: we never use the driver's own frame buffer, only DirectDrawBuffer.
            _panel = new Ssd1680(SpiDevice.Create(settings), reset, busy, dc, ramWidth, ramHeight, gpio, false, false);
            _ramHeight = ramHeight;
            Width = visibleWidth;
            Height = visibleHeight;
            SupportsPartialRefresh = partialRefresh;
        }

        public int Width { get; private set; }
        public int Height { get; private set; }
        public bool HasRed { get { return false; } }
        public bool SupportsPartialRefresh { get; private set; }

        public void Show(byte[] blackPlane, byte[]? redPlane, bool fullRefresh)
        {
            if (!_awake) Wake();
            _panel.DirectDrawBuffer(0, 0, blackPlane);
            if (fullRefresh || !SupportsPartialRefresh)
            {
                _panel.PerformFullRefresh();
                // On black/white panels RAM 0x26 holds the previous frame for the next partial refresh.
                _panel.DirectDrawColorBuffer(0, 0, blackPlane);
            }
            else
            {
                _panel.PerformPartialRefresh();
                _panel.DirectDrawColorBuffer(0, 0, blackPlane);
            }
        }

        public void PowerDown()
        {
            if (!_awake) return;
            _panel.PowerDown(SleepMode.DeepSleepModeOne);
            if (_power != null) _power.Write(PinValue.High);
            _awake = false;
        }

        private void Wake()
        {
            if (_power != null)
            {
                _power.Write(PinValue.Low);
                System.Threading.Thread.Sleep(10);
            }
            _panel.PowerOn();
            _panel.Initialize();
            // Ssd168x.Initialize sends the gate count and RAM Y end as one byte ((byte)Height): wrong for 296 rows.
            // Send both again with the 9-bit value split into low and high bytes (SSD1680 datasheet, commands 0x01 and 0x45).
            int last = _ramHeight - 1;
            _panel.SendCommand(0x01);
            _panel.SendData((byte)(last & 0xFF), (byte)(last >> 8), 0x00);
            _panel.SendCommand(0x45);
            _panel.SendData(0x00, 0x00, (byte)(last & 0xFF), (byte)(last >> 8));
            _awake = true;
        }
    }
}

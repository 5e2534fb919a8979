using System.Device.Adc;
using Devices.Firmware.Core.Hal;

namespace Devices.Firmware.Hal.AdcBattery
{
    /// <summary>
    /// Battery voltage through a divider on an ADC1 pin (ADC2 is unusable with Wi-Fi on). Reads a few samples and
    /// averages: the 1 MOhm divider is a weak source. Uses System.Device.Adc (AdcController.OpenChannel, ReadValue,
    /// MaxValue) as in nanoframework/System.Device.Adc System.Device.Adc/AdcController.cs and AdcChannel.cs.
    /// </summary>
    public sealed class AdcBattery : IBattery
    {
        private const int FullScaleMillivolts = 3300; // 11 dB attenuation, nanoFramework's ESP32 default; calibrate per batch
        private readonly AdcController _controller = new AdcController();
        private readonly AdcChannel _channel;
        private readonly int _dividerPerMille;
        private readonly int _emptyMv;
        private readonly int _fullMv;

        public AdcBattery(int gpio, int dividerPerMille, int emptyMv, int fullMv)
        {
            _channel = _controller.OpenChannel(Adc1Channel(gpio));
            _dividerPerMille = dividerPerMille;
            _emptyMv = emptyMv;
            _fullMv = fullMv;
        }

        public int Millivolts
        {
            get
            {
                int sum = 0;
                for (int i = 0; i < 8; i++) sum += _channel.ReadValue();
                int raw = sum / 8;
                int atPin = raw * FullScaleMillivolts / _controller.MaxValue;
                return atPin * _dividerPerMille / 1000;
            }
        }

        public int Percent
        {
            get
            {
                int mv = Millivolts;
                if (mv <= _emptyMv) return 0;
                if (mv >= _fullMv) return 100;
                return (mv - _emptyMv) * 100 / (_fullMv - _emptyMv);
            }
        }

        /// <summary>ESP32 ADC1 channel of a GPIO (datasheet table "ADC1 channels").</summary>
        public static int Adc1Channel(int gpio)
        {
            switch (gpio)
            {
                case 36: return 0;
                case 37: return 1;
                case 38: return 2;
                case 39: return 3;
                case 32: return 4;
                case 33: return 5;
                case 34: return 6;
                case 35: return 7;
                default: throw new System.ArgumentException("The battery must be on an ADC1 pin (GPIO32-39).");
            }
        }
    }
}

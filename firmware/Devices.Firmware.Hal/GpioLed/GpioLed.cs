using System.Device.Gpio;
using System.Threading;
using Devices.Firmware.Core.Hal;

namespace Devices.Firmware.Hal.GpioLed
{
    /// <summary>An LED on a GPIO (high = on); Flash runs on a Timer so it never blocks the app loop.</summary>
    public sealed class GpioLed : ILed
    {
        private readonly GpioPin _pin;
        private Timer? _timer;
        private int _onMs, _offMs, _toggles;
        private bool _lit;

        public GpioLed(GpioController gpio, int pin)
        {
            _pin = gpio.OpenPin(pin, PinMode.Output);
            _pin.Write(PinValue.Low);
        }

        public void Set(bool on)
        {
            Stop();
            _lit = on;
            _pin.Write(on ? PinValue.High : PinValue.Low);
        }

        public void Flash(int onMs, int offMs, int times)
        {
            Stop();
            if (times <= 0) { Set(false); return; }
            _onMs = onMs;
            _offMs = offMs;
            _toggles = times * 2;
            _lit = false;
            _timer = new Timer(Tick, null, 0, Timeout.Infinite);
        }

        private void Tick(object state)
        {
            if (_toggles <= 0) { _pin.Write(PinValue.Low); return; }
            _lit = !_lit;
            _pin.Write(_lit ? PinValue.High : PinValue.Low);
            _toggles--;
            Timer? t = _timer;
            if (t != null && _toggles > 0) t.Change(_lit ? _onMs : _offMs, Timeout.Infinite);
        }

        private void Stop()
        {
            Timer? t = _timer;
            _timer = null;
            if (t != null) t.Dispose();
        }
    }
}

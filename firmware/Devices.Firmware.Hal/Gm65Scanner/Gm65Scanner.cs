using System;
using System.IO.Ports;
using System.Threading;
using Devices.Firmware.Core.Hal;
using Devices.Firmware.Core.Scanning;
using nanoFramework.Hardware.Esp32;

namespace Devices.Firmware.Hal.Gm65Scanner
{
    /// <summary>
    /// A GM65-family scanner on COM2, 9600 8N1. Frames come from Core's Gm65Commands (tested on desktop).
    /// Checked against nanoframework/System.IO.Ports System.IO.Ports/SerialPort.cs and
    /// nanoframework/nanoFramework.IoT.Device devices/AtomQrCode/QrCode.cs (a scanner on a UART).
    /// </summary>
    public sealed class Gm65Scanner : IScanner
    {
        private const int ReplyTimeoutMs = 300;
        private readonly SerialPort _port;
        private readonly byte[] _reply = new byte[Gm65Commands.MaxReplyBytes];
        private readonly byte[] _data = new byte[16];

        public Gm65Scanner(int rxPin, int txPin, int baud)
        {
            // COM2 has no default pins on ESP32 (and 16/17 are PSRAM on WROVER).
            Configuration.SetPinFunction(rxPin, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(txPin, DeviceFunction.COM2_TX);
            _port = new SerialPort("COM2", baud, Parity.None, 8, StopBits.One);
            _port.ReadTimeout = 50;
            _port.Open();
        }

        public bool IsPresent { get; private set; }

        public int Read(byte[] buffer, int offset, int count)
        {
            int available = _port.BytesToRead;
            if (available <= 0) return 0;
            return _port.Read(buffer, offset, available < count ? available : count);
        }

        /// <summary>Sensing mode and CR terminator, changing only those bits (read-modify-write), then saved to the module's flash.</summary>
        public bool Configure()
        {
            int mode = ReadZone(Gm65Commands.ZoneMode);
            int tail = ReadZone(Gm65Commands.ZoneTerminator);
            IsPresent = mode >= 0;
            if (mode < 0 || tail < 0) return false;
            byte wantMode = Gm65Commands.WithMode((byte)mode, Gm65Mode.Sensing);
            byte wantTail = Gm65Commands.WithTerminator((byte)tail, Gm65Terminator.Cr);
            if (wantMode == mode && wantTail == tail) return true; // already set: spare the module's flash
            bool ok = Command(Gm65Commands.Write(Gm65Commands.ZoneMode, new byte[] { wantMode }))
                && Command(Gm65Commands.Write(Gm65Commands.ZoneTerminator, new byte[] { wantTail }))
                && Command(Gm65Commands.Save());
            return ok;
        }

        public void Trigger()
        {
            byte[] frame = Gm65Commands.Trigger();
            _port.Write(frame, 0, frame.Length);
        }

        private int ReadZone(int address)
        {
            if (!Exchange(Gm65Commands.Read(address, 1))) return -1;
            return _data[0];
        }

        private bool Command(byte[] frame)
        {
            // A write or save is acknowledged with the one data byte 00.
            return Exchange(frame) && _data[0] == 0x00;
        }

        private bool Exchange(byte[] frame)
        {
            _port.DiscardInBuffer();
            _port.Write(frame, 0, frame.Length);
            int got = 0;
            long deadline = NowMs() + ReplyTimeoutMs;
            while (NowMs() < deadline && got < _reply.Length)
            {
                int n = _port.BytesToRead;
                if (n > 0) got += _port.Read(_reply, got, Math.Min(n, _reply.Length - got));
                if (Gm65Commands.ParseReply(_reply, 0, got, _data) >= 1) return true;
                Thread.Sleep(10);
            }
            return false;
        }

        // CoreLibrary 1.17 has no Environment.TickCount64: the ESP32 timer counts microseconds since boot.
        private static long NowMs() { return (long)(HighResTimer.GetCurrent() / 1000); }
    }
}

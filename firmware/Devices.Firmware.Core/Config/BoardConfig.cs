using System;

namespace Devices.Firmware.Core.Config
{
    /// <summary>
    /// I:\board.conf: hardware/boards/{id}.json flattened by `devices provision` (pin.* keys are ESP32 GPIO numbers;
    /// -1 means not fitted). The firmware wires its drivers from this, so one image serves every board of a kind.
    /// </summary>
    public sealed class BoardConfig
    {
        public const string FileName = "board.conf";
        public const int FormatVersion = 1;
        public const int NotFitted = -1;

        public string Id = "";
        public string Device = "";
        public string PanelSize = "";
        public string PanelController = "";
        public bool PanelRed;
        public int SpiMosi;
        public int SpiClock;
        public int PanelCs;
        public int PanelDc;
        public int PanelReset;
        public int PanelBusy;
        public int PanelPower = NotFitted;
        public int ScannerRx = NotFitted;
        public int ScannerTx = NotFitted;
        public int ScannerBaud = 9600;
        public int Button;
        public int Led;
        public int BatteryAdc = NotFitted;
        /// <summary>Battery voltage / ADC pin voltage, times 1000 (2.0 → 2000).</summary>
        public int BatteryDividerPerMille = 1000;
        public int BatteryEmptyMillivolts;
        public int BatteryFullMillivolts;

        public static BoardConfig Parse(byte[]? bytes)
        {
            ConfigFile f = ConfigFile.Parse(FileName, bytes);
            if (f.Number("format") != FormatVersion)
            {
                throw new ArgumentException(string.Concat(FileName, ": format ", f.Text("format"), " is not supported; this firmware reads format 1."));
            }
            var b = new BoardConfig();
            b.Id = f.Text("id");
            b.Device = f.Text("device");
            b.PanelSize = f.Text("panel-size");
            b.PanelController = f.Text("panel-controller");
            b.PanelRed = f.Flag("panel-red");
            b.SpiMosi = f.Number("pin.spi-mosi");
            b.SpiClock = f.Number("pin.spi-clock");
            b.PanelCs = f.Number("pin.panel-cs");
            b.PanelDc = f.Number("pin.panel-dc");
            b.PanelReset = f.Number("pin.panel-reset");
            b.PanelBusy = f.Number("pin.panel-busy");
            b.PanelPower = f.Number("pin.panel-power", NotFitted);
            b.ScannerRx = f.Number("pin.scanner-rx", NotFitted);
            b.ScannerTx = f.Number("pin.scanner-tx", NotFitted);
            b.ScannerBaud = f.Number("scanner-baud", 9600);
            b.Button = f.Number("pin.button");
            b.Led = f.Number("pin.led");
            b.BatteryAdc = f.Number("pin.battery-adc", NotFitted);
            b.BatteryDividerPerMille = f.Number("battery-divider-permille", 1000);
            b.BatteryEmptyMillivolts = f.Number("battery-empty-mv", 0);
            b.BatteryFullMillivolts = f.Number("battery-full-mv", 0);
            return b;
        }

        public bool HasScanner { get { return ScannerRx != NotFitted && ScannerTx != NotFitted; } }
        public bool HasBattery { get { return BatteryAdc != NotFitted; } }
    }
}

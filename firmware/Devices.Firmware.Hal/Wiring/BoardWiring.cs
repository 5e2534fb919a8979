using System;
using System.Device.Gpio;
using System.IO;
using Devices.Firmware.Core.Apps;
using Devices.Firmware.Core.Config;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Security;
using nanoFramework.Networking;

namespace Devices.Firmware.Hal.Wiring
{
    /// <summary>
    /// Boot: reads I:\device.conf and I:\board.conf (written by `devices provision`), joins Wi-Fi with the
    /// credentials nanoff stored (--networkdeployment), and builds the Core's Board from the drivers in this library.
    /// </summary>
    public sealed class BoardWiring
    {
        public DeviceConfig Device = new DeviceConfig();
        public BoardConfig Hardware = new BoardConfig();
        public DeviceIdentity? Identity;
        public Board Board = new Board();
        public GpioController Gpio = new GpioController();

        public static BoardWiring Load(string expectedKind)
        {
            var w = new BoardWiring();
            w.Device = DeviceConfig.Parse(ReadOrNull("I:\\device.conf"));
            w.Hardware = BoardConfig.Parse(ReadOrNull("I:\\board.conf"));
            if (w.Device.Kind != expectedKind || w.Hardware.Device != expectedKind)
                throw new ArgumentException(string.Concat("This is the ", expectedKind, " app but the device is provisioned as ", w.Device.Kind, "."));
            if (w.Device.Board != w.Hardware.Id)
                throw new ArgumentException(string.Concat("device.conf names board ", w.Device.Board, " but board.conf is ", w.Hardware.Id, "."));
            w.Identity = new DeviceIdentity(w.Device.DeviceId, w.Device.Secret);
            return w;
        }

        /// <summary>Creates every driver the board has. Wi-Fi is joined with the stored configuration (no credentials in code).</summary>
        public void Wire(bool partialRefresh)
        {
            BoardConfig h = Hardware;
            Panel panel = Panel.Find(h.PanelSize, h.PanelRed);
            Board.Panel = panel;
            // The SSD1680 driver addresses RAM in whole bytes: 122 visible columns are 16 bytes = 128 (Core's FrameBuffer rows).
            int ramWidth = (panel.NativeWidth + 7) / 8 * 8;
            Board.Display = new EPaper.EPaperDisplay(Gpio, h.SpiMosi, h.SpiClock, h.PanelCs, h.PanelDc, h.PanelReset, h.PanelBusy, h.PanelPower,
                panel.Width, panel.Height, ramWidth, panel.NativeHeight, partialRefresh && !panel.HasRed);
            Board.Storage = new FlashStorage.FlashStorage();
            Board.Clock = new Esp32Clock.Esp32Clock();
            Board.Power = new Esp32Power.Esp32Power(h.Button);
            Board.Led = new GpioLed.GpioLed(Gpio, h.Led);
            if (h.HasBattery) Board.Battery = new AdcBattery.AdcBattery(h.BatteryAdc, h.BatteryDividerPerMille, h.BatteryEmptyMillivolts, h.BatteryFullMillivolts);
            if (h.HasScanner)
            {
                var scanner = new Gm65Scanner.Gm65Scanner(h.ScannerRx, h.ScannerTx, h.ScannerBaud);
                scanner.Configure();
                Board.Scanner = scanner;
            }
            // WifiNetworkHelper.Reconnect uses the configuration stored by nanoff --networkdeployment
            // (nanoframework/nanoFramework.System.Net nanoFramework.System.Net/NetworkHelper/WifiNetworkHelper.cs).
            WifiNetworkHelper.Reconnect(false, 0, new System.Threading.CancellationTokenSource(20000).Token);
            Board.Signal = new WifiSignal.WifiSignal(StoredSsid());
            Board.Link = new M2MqttLink.M2MqttLink(Device.BrokerHost, Device.BrokerPort);
        }

        private static string StoredSsid()
        {
            System.Device.Wifi.Wireless80211Configuration[] configs = System.Device.Wifi.Wireless80211Configuration.GetAllWireless80211Configurations();
            return configs.Length > 0 ? configs[0].Ssid : "";
        }

        private static byte[]? ReadOrNull(string path)
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
    }
}

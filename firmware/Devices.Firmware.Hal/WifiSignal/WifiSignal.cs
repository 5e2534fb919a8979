using System.Device.Wifi;
using Devices.Firmware.Core.Hal;

namespace Devices.Firmware.Hal.WifiSignal
{
    /// <summary>
    /// Association and RSSI from the Wi-Fi adapter. Checked against nanoframework/System.Device.Wifi
    /// System.Device.Wifi/WifiAdapter.cs and WifiAvailableNetwork.cs (FindAllAdapters, ScanAsync, NetworkReport).
    /// </summary>
    public sealed class WifiSignal : ISignal
    {
        private readonly string _ssid;

        public WifiSignal(string ssid)
        {
            _ssid = ssid;
        }

        public bool IsAssociated
        {
            get { return System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()[0].IPv4Address != "0.0.0.0"; }
        }

        /// <summary>Scans (about 2 s, so only the self-test asks) and reports our network's strongest RSSI.</summary>
        public int RssiDbm
        {
            get
            {
                WifiAdapter adapter = WifiAdapter.FindAllAdapters()[0];
                adapter.ScanAsync();
                System.Threading.Thread.Sleep(2500);
                WifiAvailableNetwork[] networks = adapter.NetworkReport.AvailableNetworks;
                int best = 0;
                for (int i = 0; i < networks.Length; i++)
                {
                    if (networks[i].Ssid == _ssid && (best == 0 || networks[i].NetworkRssiInDecibelMilliwatts > best)) best = networks[i].NetworkRssiInDecibelMilliwatts;
                }
                return best;
            }
        }
    }
}

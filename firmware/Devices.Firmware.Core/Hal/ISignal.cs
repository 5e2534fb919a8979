namespace Devices.Firmware.Core.Hal
{
    /// <summary>The Wi-Fi radio's view of the network.</summary>
    public interface ISignal
    {
        /// <summary>True when associated with an access point.</summary>
        bool IsAssociated { get; }

        /// <summary>Received signal strength in dBm (negative, e.g. -67); 0 when not associated.</summary>
        int RssiDbm { get; }
    }
}

namespace Devices.Firmware.Core.Rotation
{
    /// <summary>Where a verifier finds a device's code key and rotation period (the gateway's device table).</summary>
    public interface ICodeKeyLookup
    {
        /// <summary>False when the device is unknown (then the out values are meaningless).</summary>
        bool TryFind(string deviceId, out byte[] codeKey, out uint periodSeconds);
    }
}

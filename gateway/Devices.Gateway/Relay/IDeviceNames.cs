namespace Devices.Gateway.Relay;

/// <summary>
/// The table or label name a webhook mentions for a device (gw-mqtt's registry may implement it; the default
/// knows none and the field is left out).
/// </summary>
public interface IDeviceNames
{
    string? NameOf(string deviceId);
}

public sealed class NoDeviceNames : IDeviceNames
{
    public string? NameOf(string deviceId) => null;
}

using Devices.Gateway.Relay;

namespace Devices.Gateway.Registry;

/// <summary>The name a webhook gives a device: its display (table) name from the registry.</summary>
public sealed class RegistryDeviceNames(IDeviceRegistry registry) : IDeviceNames
{
    public string? NameOf(string deviceId) => registry.Find(deviceId)?.Name;
}

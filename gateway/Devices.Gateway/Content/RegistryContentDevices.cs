using System;
using System.Collections.Generic;

namespace Devices.Gateway.Content;

/// <summary>Placeholder until the device registry lands: no devices.</summary>
public sealed class RegistryContentDevices : IContentDevices
{
    public ContentDevice? Find(string deviceId) => null;
    public IReadOnlyList<string> FindBySku(string sku) => Array.Empty<string>();
}

using System.Collections.Generic;
using System.Linq;
using Devices.Firmware.Core.Drawing;
using Devices.Gateway.Registry;

namespace Devices.Gateway.Content;

/// <summary>The device registry seen through <see cref="IContentDevices"/>: kind, panel and keys of a device.</summary>
public sealed class RegistryContentDevices(IDeviceRegistry registry) : IContentDevices
{
    public ContentDevice? Find(string deviceId)
    {
        var record = registry.Find(deviceId);
        if (record is null) return null;
        var identity = registry.FindIdentity(deviceId);
        if (identity is null) return null;
        return new ContentDevice(record.Id, record.Kind, Panel.Find(record.Panel, record.Red), record.Name, identity.ContentKey, identity.CodeKey);
    }

    public IReadOnlyList<string> FindBySku(string sku) => registry.FindBySku(sku).Select(d => d.Id).ToList();
}

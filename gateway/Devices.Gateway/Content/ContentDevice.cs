using System.Collections.Generic;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Protocol;

namespace Devices.Gateway.Content;

/// <summary>What the content module needs to know about a device: its kind, its panel and its keys.</summary>
public sealed record ContentDevice(string Id, DeviceKind Kind, Panel Panel, string Name, byte[] ContentKey, byte[] CodeKey);

/// <summary>The devices as the content module sees them (an adapter over the device registry).</summary>
public interface IContentDevices
{
    /// <summary>Null when the device is not provisioned.</summary>
    ContentDevice? Find(string deviceId);

    /// <summary>Ids of the labels bound to a product SKU.</summary>
    IReadOnlyList<string> FindBySku(string sku);
}

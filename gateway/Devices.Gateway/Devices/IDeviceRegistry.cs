using System.Collections.Generic;
using Devices.Firmware.Core.Security;

namespace Devices.Gateway.Registry;

/// <summary>
/// The provisioned devices: who may log in to the broker, and the keys that sign their content and make their
/// codes. Reads come from memory (every MQTT login asks); writes go to SQLite first.
/// </summary>
public interface IDeviceRegistry
{
    /// <summary>Creates the device and its 32-byte secret. The secret leaves the gateway only in this result.</summary>
    ProvisionResult Provision(ProvisionRequest request);

    DeviceRecord? Find(string deviceId);

    /// <summary>All devices, ordered by id.</summary>
    IReadOnlyList<DeviceRecord> List();

    /// <summary>The device's id and derived keys (content key, code key, MQTT password); null when unknown.</summary>
    DeviceIdentity? FindIdentity(string deviceId);

    /// <summary>Binds a label to a product SKU (null unbinds); false when the device is unknown.</summary>
    bool SetSku(string deviceId, string? sku);

    /// <summary>Renames a device (a tent's table, a label's shelf place); false when the device is unknown.
    /// Throws <see cref="System.ArgumentException"/> for an empty or too long name.</summary>
    bool SetName(string deviceId, string name);

    /// <summary>The devices bound to this SKU.</summary>
    IReadOnlyList<DeviceRecord> FindBySku(string sku);
}

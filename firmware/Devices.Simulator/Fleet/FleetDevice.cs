using System;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Security;

namespace Devices.Simulator.Fleet;

/// <summary>One simulated device: its identity (id + 32-byte secret) and what it is.</summary>
public sealed record FleetDevice(DeviceIdentity Identity, DeviceKind Kind, string Panel = "2.9")
{
    public string Id => Identity.Id;

    /// <summary>
    /// A device whose secret is derived from one fleet secret: secret = HMAC-SHA256(fleet secret, device id). Lets
    /// a simulator and a test gateway agree on every device's keys from one shared string.
    /// </summary>
    public static FleetDevice Derived(string fleetSecret, string deviceId, DeviceKind kind, string panel = "2.9")
    {
        ArgumentException.ThrowIfNullOrEmpty(fleetSecret);
        DeviceId.Check(deviceId);
        byte[] secret = DeviceIdentity.DeriveKey(System.Text.Encoding.UTF8.GetBytes(fleetSecret), deviceId);
        return new FleetDevice(new DeviceIdentity(deviceId, secret), kind, panel);
    }
}

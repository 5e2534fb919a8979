using Devices.Firmware.Core.Security;

namespace Devices.Gateway.Registry;

public enum ProvisionStatus
{
    Created,
    /// <summary>A device with this id exists; nothing changed (the existing secret is never returned again).</summary>
    AlreadyExists,
    /// <summary>The request is invalid; <see cref="ProvisionResult.Error"/> says why in one sentence.</summary>
    Invalid,
}

/// <summary>What provisioning did. <see cref="Secret"/> is set only when Created: it is shown this once.</summary>
public sealed class ProvisionResult
{
    public ProvisionStatus Status { get; private init; }
    public DeviceRecord? Device { get; private init; }
    public byte[]? Secret { get; private init; }
    public DeviceIdentity? Identity { get; private init; }
    public string Error { get; private init; } = "";

    public static ProvisionResult Created(DeviceRecord device, byte[] secret, DeviceIdentity identity) =>
        new() { Status = ProvisionStatus.Created, Device = device, Secret = secret, Identity = identity };

    public static ProvisionResult Exists(DeviceRecord device) =>
        new() { Status = ProvisionStatus.AlreadyExists, Device = device, Error = $"Device '{device.Id}' already exists; its secret was issued when it was provisioned." };

    public static ProvisionResult Invalid(string error) => new() { Status = ProvisionStatus.Invalid, Error = error };
}

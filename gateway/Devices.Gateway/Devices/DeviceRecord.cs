using System;
using Devices.Firmware.Core.Protocol;

namespace Devices.Gateway.Registry;

/// <summary>
/// A provisioned device as the registry knows it. The secret is not here on purpose: only
/// <see cref="IDeviceRegistry.FindIdentity"/> hands out the derived keys, and only inside the process.
/// </summary>
public sealed record DeviceRecord(
    string Id,
    DeviceKind Kind,
    string Panel,
    bool Red,
    string Name,
    string? Sku,
    DateTimeOffset CreatedAt)
{
    /// <summary>"tent" or "label", the words the API uses.</summary>
    public string KindName => DeviceKindNames.Name(Kind);
}

/// <summary>The API's words for device kinds.</summary>
public static class DeviceKindNames
{
    public const string Tent = "tent";
    public const string Label = "label";

    public static string Name(DeviceKind kind) => kind == DeviceKind.TableTent ? Tent : Label;

    public static bool TryParse(string? text, out DeviceKind kind)
    {
        kind = text switch
        {
            Tent => DeviceKind.TableTent,
            Label => DeviceKind.ShelfLabel,
            _ => DeviceKind.Unknown,
        };
        return kind != DeviceKind.Unknown;
    }
}

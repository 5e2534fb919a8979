using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.RotatingCodes;
using Devices.Gateway.Content;

namespace Devices.Gateway.Verify;

/// <summary>A tent's code key (from the registry) and its rotation period (from its desired content).</summary>
public sealed class TentCodeKeys(IContentDevices devices, ContentStore store) : ICodeKeyLookup
{
    public bool TryFind(string deviceId, out byte[] codeKey, out uint periodSeconds)
    {
        codeKey = System.Array.Empty<byte>();
        periodSeconds = 0;
        var device = devices.Find(deviceId);
        var tent = CurrentTent(deviceId);
        if (device is null || device.Kind != DeviceKind.TableTent || tent is null) return false;
        codeKey = device.CodeKey;
        periodSeconds = tent.RotationSeconds;
        return true;
    }

    public TentContent? CurrentTent(string deviceId)
    {
        var stored = store.Get(deviceId);
        if (stored is null || stored.Kind != ContentKind.Tent) return null;
        return TentContentCodec.TryDecode(stored.Payload, 0, stored.Payload.Length, out var tent).Ok ? tent : null;
    }
}

using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Security;
using Devices.Gateway.Downlink;

namespace Devices.Gateway.Tests.Fixtures;

/// <summary>Desired content set by the test: envelopes signed by the Core's signer with the device's content key.</summary>
public sealed class FakeContentSource : IContentSource
{
    private readonly ConcurrentDictionary<string, DesiredContent> _desired = new();

    public DesiredContent Set(DeviceIdentity device, uint version, byte[] payload, ContentKind kind = ContentKind.Tent)
    {
        var content = new DesiredContent(version, ContentSigner.Sign(device.Id, device.ContentKey, version, kind, payload));
        _desired[device.Id] = content;
        return content;
    }

    public ValueTask<DesiredContent?> GetDesiredAsync(string deviceId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_desired.TryGetValue(deviceId, out var d) ? d : null);
}

using System.Threading;
using System.Threading.Tasks;
using Devices.Gateway.Downlink;

namespace Devices.Gateway.Content;

/// <summary>What the reconciler sends: each device's desired version and signed envelope, from the content store.</summary>
public sealed class StoreContentSource(ContentStore store) : IContentSource
{
    public ValueTask<DesiredContent?> GetDesiredAsync(string deviceId, CancellationToken cancellationToken)
    {
        var stored = store.Get(deviceId);
        return ValueTask.FromResult(stored is null ? null : new DesiredContent(stored.Version, stored.Envelope));
    }
}

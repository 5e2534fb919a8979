using System.Threading;
using System.Threading.Tasks;

namespace Devices.Gateway.Downlink;

/// <summary>
/// The content a device should show, signed and ready to publish (implemented by the content store). The
/// reconciler asks for it after each hello and ack and sends it while the device's applied version differs.
/// </summary>
public interface IContentSource
{
    /// <summary>The device's desired content, or null when none was set.</summary>
    ValueTask<DesiredContent?> GetDesiredAsync(string deviceId, CancellationToken cancellationToken);
}

/// <summary>A signed content envelope (the bytes for cmd/{id}/content) and its version.</summary>
public sealed record DesiredContent(uint Version, byte[] Envelope);

/// <summary>Used until a content store is registered: no device has desired content.</summary>
public sealed class NoContentSource : IContentSource
{
    public ValueTask<DesiredContent?> GetDesiredAsync(string deviceId, CancellationToken cancellationToken) => ValueTask.FromResult<DesiredContent?>(null);
}

using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;

namespace Devices.Gateway.Downlink;

/// <summary>Publishes a message to a device's downlink topic cmd/{id}/{kind} at QoS 1, through whichever broker the gateway uses.</summary>
public interface IDownlink
{
    /// <summary>Throws ArgumentException for an invalid id or an uplink kind; returns when the broker took the message.</summary>
    Task PublishAsync(string deviceId, TopicKind kind, byte[] payload, CancellationToken cancellationToken);
}

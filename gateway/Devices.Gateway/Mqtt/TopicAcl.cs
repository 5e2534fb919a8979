using Devices.Firmware.Core.Protocol;

namespace Devices.Gateway.Mqtt;

/// <summary>
/// The broker's access rules for a logged-in device: publish only dev/{its id}/{uplink kind}, subscribe only to
/// cmd/{its id}/+ or one of its own downlink topics. Wildcards anywhere else, other ids and other roots are refused.
/// </summary>
public static class TopicAcl
{
    public static bool MayPublish(string deviceId, string topic, out TopicKind kind) =>
        Topics.TryParse(topic, out kind, out string id) && id == deviceId && Topics.IsUplink(kind);

    public static bool MaySubscribe(string deviceId, string filter)
    {
        if (filter == Topics.DownlinkFilter(deviceId)) return true;
        return Topics.TryParse(filter, out var kind, out string id) && id == deviceId && !Topics.IsUplink(kind);
    }
}

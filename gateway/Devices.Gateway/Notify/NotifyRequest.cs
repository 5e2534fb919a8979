using System.Text.Json.Serialization;

namespace Devices.Gateway.Notify;

/// <summary>Body of POST /api/devices/{id}/notify: a message shown over the content for a few seconds and/or an LED pattern.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class NotifyRequest
{
    /// <summary>At most 128 bytes of UTF-8, drawn with the device font; empty = no message.</summary>
    public string? Text { get; set; }
    /// <summary>How long the message shows (default 5, at most 3600).</summary>
    public uint? Seconds { get; set; }
    /// <summary>"none" (default), "blink", "fastBlink" (find this label) or "steady".</summary>
    public string? Led { get; set; }
    /// <summary>Flashes (or seconds for steady); default 3.</summary>
    public uint? LedCount { get; set; }
}

/// <summary>The notification was handed to the broker (QoS 1); a sleeping label gets it only if it is awake.</summary>
public sealed record NotifyResponse(string DeviceId, bool Published, System.Collections.Generic.IReadOnlyList<string> Warnings);

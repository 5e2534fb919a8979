using System;

namespace Devices.Gateway.Registry;

/// <summary>
/// What the gateway last heard from a device: from hello, state messages, acks and the last will.
/// Desired content is not here: the content store owns it (see Reconciliation/IContentSource).
/// </summary>
public sealed record DeviceStatusEntry
{
    public bool Online { get; init; }
    /// <summary>Why the device is offline: "last will" (the broker lost it), "disconnected" (it said goodbye), "gateway restarted".</summary>
    public string? OfflineReason { get; init; }
    public DateTimeOffset? LastSeen { get; init; }
    public DateTimeOffset? OnlineSince { get; init; }
    public string? Firmware { get; init; }
    /// <summary>0 = mains or unknown.</summary>
    public uint BatteryMillivolts { get; init; }
    /// <summary>dBm; 0 = unknown.</summary>
    public int Rssi { get; init; }
    public uint BootCount { get; init; }
    public string? WakeCause { get; init; }
    public string? Display { get; init; }
    /// <summary>The content version on the display (0 = none yet).</summary>
    public uint AppliedContentVersion { get; init; }
    /// <summary>Scans the device dropped because its flash queue was full, since provisioning.</summary>
    public uint DroppedScans { get; init; }
    public uint QueuedScans { get; init; }
    public DeviceAckEntry? LastAck { get; init; }
}

/// <summary>The device's last answer to content: result name (Applied, BadSignature, ...) and its reason.</summary>
public sealed record DeviceAckEntry(uint ContentVersion, string Result, string Detail, uint AppliedContentVersion, DateTimeOffset At);

using System;
using System.Collections.Generic;

namespace Devices.Gateway.Content;

/// <summary>GET /api/devices/{id}/content: the desired content and its version (0 and no content when none was set).</summary>
public sealed record ContentView(string DeviceId, uint Version, string? Kind, LabelDocument? Label, TentDocument? Tent, DateTimeOffset? UpdatedAt);

/// <summary>The answer to a content write. Changed is false when the picture is the same as the current one (nothing is re-sent).</summary>
public sealed record ContentWriteResult(string DeviceId, uint Version, bool Changed, IReadOnlyList<string> Warnings);

/// <summary>A change accepted for later (202).</summary>
public sealed record ContentScheduledResult(string DeviceId, long ScheduleId, DateTimeOffset EffectiveAt, IReadOnlyList<string> Warnings);

public sealed record ScheduledView(long ScheduleId, string DeviceId, DateTimeOffset EffectiveAt, string Kind, string Source);

public sealed record HistoryView(uint Version, string Kind, LabelDocument? Label, TentDocument? Tent, string Source, DateTimeOffset CreatedAt);

using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Devices.Gateway.Content;

/// <summary>
/// Body of PUT /api/devices/{id}/content: exactly one of <see cref="Label"/> or <see cref="Tent"/> (the device's
/// kind), and optionally when it takes effect. Unknown fields are refused so a typo never sends an empty label.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class ContentDocument
{
    public LabelDocument? Label { get; set; }
    public TentDocument? Tent { get; set; }
    /// <summary>When the content should show; absent or past = now.</summary>
    public DateTimeOffset? EffectiveAt { get; set; }
}

/// <summary>A shelf label, in the field names of docs/content-json.md (plus wakeIntervalSeconds).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class LabelDocument
{
    public string? Name { get; set; }
    /// <summary>Decimal text with '.' ("2.49", "398"), or a JSON number read from its literal text; empty = no price.</summary>
    public JsonElement? Price { get; set; }
    public string? Currency { get; set; }
    public bool? CurrencyAfter { get; set; }
    public string? DecimalMark { get; set; }
    public string? UnitPrice { get; set; }
    public string? Promo { get; set; }
    /// <summary>"none", "qr" or "ean13".</summary>
    public string? CodeKind { get; set; }
    public string? CodeData { get; set; }
    public uint? WakeIntervalSeconds { get; set; }
}

/// <summary>A table tent: the table name, headline and link template with its rotation.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class TentDocument
{
    public string? TableName { get; set; }
    public string? Headline { get; set; }
    /// <summary>e.g. "https://m.example.com/t?d={device}&amp;c={token}".</summary>
    public string? LinkTemplate { get; set; }
    public uint? RotationSeconds { get; set; }
    public uint? DwellSeconds { get; set; }
    public bool? ShowFallbackCode { get; set; }
    public List<TentPlaylistDocument>? Playlist { get; set; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class TentPlaylistDocument
{
    public string? LinkTemplate { get; set; }
    public uint? DwellSeconds { get; set; }
    public string? Headline { get; set; }
}

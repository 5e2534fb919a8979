using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Devices.Gateway.Content;

/// <summary>Body of POST /api/labels/prices: up to 1000 price changes by product SKU.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class PriceUpdateRequest
{
    public const int MaxItems = 1000;

    public List<PriceUpdateItem>? Items { get; set; }
    /// <summary>When the new prices should show; absent or past = now.</summary>
    public DateTimeOffset? EffectiveAt { get; set; }
}

/// <summary>One SKU's new price; the other fields change only when given.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class PriceUpdateItem
{
    public string? Sku { get; set; }
    /// <summary>"2.49" (or a JSON number); "" removes the price.</summary>
    public JsonElement? Price { get; set; }
    public string? Currency { get; set; }
    public string? UnitPrice { get; set; }
    /// <summary>"" removes the badge.</summary>
    public string? Promo { get; set; }
    /// <summary>The product name on the label.</summary>
    public string? Name { get; set; }
}

/// <summary>Per item: "updated", "unchanged", "scheduled", "unknownSku" or "invalid" (with the reason).</summary>
public sealed record PriceUpdateItemResult(string Sku, string Status, IReadOnlyList<PriceUpdateDeviceResult> Devices, string? Error);

public sealed record PriceUpdateDeviceResult(string DeviceId, uint Version, bool Changed, long? ScheduleId);

public sealed record PriceUpdateResponse(int Updated, int Unchanged, int Failed, IReadOnlyList<PriceUpdateItemResult> Results);

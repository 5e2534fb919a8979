using System;
using System.Collections.Generic;
using System.Linq;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Protocol;

namespace Devices.Gateway.Content;

/// <summary>One label's planned change: its content now and after the price update.</summary>
public sealed record PlannedLabelChange(int Item, string Sku, ContentDevice Device, uint FromVersion, LabelContent Before, PreparedContent After)
{
    /// <summary>False when the label would show the same picture (the store will not make a new version).</summary>
    public bool Changed { get; init; }
}

/// <summary>
/// What a bulk price update would do: per item an error (or "unknownSku") or the labels it changes. Built
/// without writing anything, so a dry run and the real run are the same plan.
/// </summary>
public sealed class PricePlan(IReadOnlyList<PriceUpdateItem> items)
{
    public IReadOnlyList<PriceUpdateItem> Items { get; } = items;
    /// <summary>Per item: null when it planned fine, else its final result (invalid or unknownSku).</summary>
    public PriceUpdateItemResult?[] Failures { get; } = new PriceUpdateItemResult?[items.Count];
    public List<PlannedLabelChange> Changes { get; } = new();
}

/// <summary>
/// Bulk price updates by SKU: every shelf label bound to an item's SKU gets the new price (and currency, unit
/// price, promo, name when given) on top of its current content. POST /api/labels/prices and the CSV import
/// both go through here.
/// </summary>
public sealed class PriceUpdater(IContentDevices devices, ContentStore store, ContentPreparation preparation, ContentSchedule schedule)
{
    /// <summary>Plans the update without writing. Throws <see cref="Glyphs.GlyphSourceMissingException"/> when glyphs are needed and missing.</summary>
    public PricePlan Plan(IReadOnlyList<PriceUpdateItem> items)
    {
        var plan = new PricePlan(items);
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            string sku = item.Sku ?? "";
            if (sku.Length == 0) { plan.Failures[i] = Invalid(sku, "The item has no sku."); continue; }
            if (item.Price is null) { plan.Failures[i] = Invalid(sku, "The item has no price."); continue; }
            if (!ContentMapping.TryParsePrice(item.Price.Value, out long minor, out int decimals, out string priceError))
            {
                plan.Failures[i] = Invalid(sku, priceError);
                continue;
            }
            var ids = devices.FindBySku(sku);
            if (ids.Count == 0) { plan.Failures[i] = new PriceUpdateItemResult(sku, "unknownSku", Array.Empty<PriceUpdateDeviceResult>(), "No label is bound to this SKU."); continue; }
            var mine = new List<PlannedLabelChange>();
            string? error = null;
            foreach (var deviceId in ids)
            {
                var device = devices.Find(deviceId);
                if (device is null || device.Kind != DeviceKind.ShelfLabel) continue;
                // A SKU listed twice: the later item starts from what the earlier one planned, as the store would.
                var earlier = plan.Changes.LastOrDefault(c => c.Device.Id == deviceId);
                var stored = store.Get(deviceId);
                var before = earlier?.After.Label ?? ContentService.CurrentLabel(stored);
                var label = ContentService.CurrentLabel(stored);
                if (earlier?.After.Label is { } e) label = Copy(e);
                label.PriceMinor = minor;
                label.PriceDecimals = decimals;
                if (item.Currency is not null) label.Currency = item.Currency;
                if (item.UnitPrice is not null) label.UnitPrice = item.UnitPrice;
                if (item.Promo is not null) label.Promo = item.Promo;
                if (item.Name is not null) label.Name = item.Name;
                var errors = new ValidationErrors();
                var prepared = preparation.PrepareLabel(device, label, errors);
                if (prepared is null) { error = deviceId + ": " + errors.Summary(); break; }
                byte[]? currentHash = earlier is not null ? earlier.After.PictureHash
                    : stored is not null && stored.Kind == ContentKind.Label ? stored.PictureHash : null;
                bool changed = currentHash is null || !currentHash.AsSpan().SequenceEqual(prepared.PictureHash);
                mine.Add(new PlannedLabelChange(i, sku, device, stored?.Version ?? 0, before, prepared) { Changed = changed });
            }
            // All labels of a SKU or none.
            if (error is not null) plan.Failures[i] = Invalid(sku, error);
            else plan.Changes.AddRange(mine);
        }
        return plan;
    }

    /// <summary>Writes (or schedules, when <paramref name="effectiveAt"/> is given) the plan in one transaction.</summary>
    public PriceUpdateResponse Apply(PricePlan plan, DateTimeOffset? effectiveAt, string source)
    {
        var writes = plan.Changes.Select(c => (c.Device, c.After)).ToList();
        var perItem = new Dictionary<int, List<PriceUpdateDeviceResult>>();
        if (effectiveAt is { } at)
        {
            for (int k = 0; k < writes.Count; k++)
            {
                long scheduleId = schedule.Add(writes[k].Device.Id, at, writes[k].After.Kind, writes[k].After.Payload, source);
                Add(perItem, plan.Changes[k].Item, new PriceUpdateDeviceResult(writes[k].Device.Id, store.Get(writes[k].Device.Id)?.Version ?? 0, false, scheduleId));
            }
        }
        else
        {
            var setResults = store.SetMany(writes, null, source);
            for (int k = 0; k < writes.Count; k++)
            {
                Add(perItem, plan.Changes[k].Item, new PriceUpdateDeviceResult(writes[k].Device.Id, setResults[k].Version, setResults[k].Outcome == SetOutcome.Changed, null));
            }
        }
        var results = new List<PriceUpdateItemResult>(plan.Items.Count);
        for (int i = 0; i < plan.Items.Count; i++)
        {
            if (plan.Failures[i] is { } failure) { results.Add(failure); continue; }
            var list = perItem.TryGetValue(i, out var l) ? l : new List<PriceUpdateDeviceResult>();
            string status = effectiveAt is not null ? "scheduled" : list.Any(d => d.Changed) ? "updated" : "unchanged";
            results.Add(new PriceUpdateItemResult(plan.Items[i].Sku!, status, list, list.Count == 0 ? "No shelf label is bound to this SKU." : null));
        }
        return new PriceUpdateResponse(
            results.Count(r => r.Status is "updated" or "scheduled"), results.Count(r => r.Status == "unchanged"),
            results.Count(r => r.Status is "invalid" or "unknownSku"), results);
    }

    private static LabelContent Copy(LabelContent c)
    {
        var payload = LabelContentCodec.Encode(c);
        LabelContentCodec.TryDecode(payload, 0, payload.Length, out var copy);
        return copy;
    }

    private static void Add(Dictionary<int, List<PriceUpdateDeviceResult>> map, int item, PriceUpdateDeviceResult result)
    {
        if (!map.TryGetValue(item, out var list)) map[item] = list = new List<PriceUpdateDeviceResult>();
        list.Add(result);
    }

    private static PriceUpdateItemResult Invalid(string sku, string error) => new(sku, "invalid", Array.Empty<PriceUpdateDeviceResult>(), error);
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Api;
using Devices.Gateway.Glyphs;
using Devices.Gateway.Preview;
using Devices.Gateway.Reconciliation;
using Devices.Gateway.Registry;
using Devices.Imaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Content;

/// <summary>
/// What the staff console's Labels page needs beyond the content API: find labels, preview an unsaved draft,
/// import prices from a CSV file with a dry run.
/// </summary>
public static class LabelEndpoints
{
    public const int MaxCsvChars = 2_000_000;

    public static WebApplication MapLabelEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireApiKey().WithTags("Labels");
        api.MapGet("/labels", Search)
            .WithSummary("Shelf labels whose id, name, SKU, product name or code contains q (all when q is empty), best matches first.")
            .Produces<LabelSearchResult>();
        api.MapPost("/devices/{id}/content/preview.png", PreviewDraft)
            .WithSummary("PNG of what the device would show for this content (the body of PUT .../content), without saving it.")
            .Accepts<ContentDocument>("application/json")
            .Produces(200, contentType: "image/png").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(503);
        api.MapPost("/labels/prices/csv", ImportCsv)
            .WithSummary("Price file (sku,price[,name,promo]): dryRun=true says per label what would change; dryRun=false with the dry run's token applies it.")
            .Accepts<PriceCsvRequest>("application/json")
            .Produces<PriceCsvResponse>().ProducesValidationProblem().ProducesProblem(409).ProducesProblem(503);
        api.MapPost("/labels/{id}/find", FindAsync)
            .WithSummary("Blinks the label's LED now if it is awake, and again when it next wakes (the request waits an hour).")
            .Produces<FindResult>(202).ProducesProblem(404).ProducesProblem(503);
        return app;
    }

    private static async Task<IResult> FindAsync(string id, IContentDevices devices, LabelFinder finder, CancellationToken ct)
    {
        if (devices.Find(id) is null) return ContentEndpoints.UnknownDevice(id);
        try
        {
            return Results.Json(await finder.FindAsync(id, ct), statusCode: StatusCodes.Status202Accepted);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ArgumentException)
        {
            return Results.Problem("The broker did not take the blink: " + e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Broker unavailable");
        }
    }

    private static IResult Search(string? q, int? limit, IDeviceRegistry registry, ContentStore store, DeviceStatusStore status,
        IOptions<ReconciliationOptions> reconciliation, TimeProvider time)
    {
        var now = time.GetUtcNow();
        string query = (q ?? "").Trim();
        var matches = new List<(int Rank, LabelSummary Label)>();
        foreach (var d in registry.List())
        {
            if (d.Kind != DeviceKind.ShelfLabel) continue;
            var summary = Summarize(d, store.Get(d.Id), status.Get(d.Id), reconciliation.Value.WakeIntervalSeconds, now);
            int rank = Rank(summary, query);
            if (rank >= 0) matches.Add((rank, summary));
        }
        var ordered = matches.OrderBy(m => m.Rank).ThenBy(m => m.Label.Id, StringComparer.Ordinal).Select(m => m.Label).ToList();
        int take = Math.Clamp(limit ?? 100, 1, 5000);
        return Results.Ok(new LabelSearchResult(ordered.Count, ordered.Take(take).ToList()));
    }

    /// <summary>
    /// 0: the SKU is exactly the query (a scanned product barcode); 1: the id or the label's code is; 2: something
    /// contains it; -1: no match.
    /// </summary>
    private static int Rank(LabelSummary l, string q)
    {
        if (q.Length == 0) return 2;
        if (Same(l.Sku, q)) return 0;
        if (Same(l.Id, q) || Same(l.CodeData, q)) return 1;
        return Has(l.Id, q) || Has(l.Name, q) || Has(l.Sku, q) || Has(l.ProductName, q) || Has(l.CodeData, q) ? 2 : -1;
        static bool Same(string? a, string b) => a is not null && a.Equals(b, StringComparison.OrdinalIgnoreCase);
        static bool Has(string? a, string b) => a is not null && a.Contains(b, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The firmware's wake interval when neither the gateway nor the content sets one (ShelfLabelOptions).</summary>
    public const uint FirmwareWakeSeconds = 3600;

    private static LabelSummary Summarize(DeviceRecord d, StoredContent? stored, DeviceStatusEntry s, uint gatewayWake, DateTimeOffset now)
    {
        var label = ContentService.CurrentLabel(stored);
        // As the label decides: the welcome's interval wins at every wake, else the content's, else the firmware's.
        uint wake = Math.Clamp(gatewayWake > 0 ? gatewayWake : label.WakeIntervalSeconds > 0 ? label.WakeIntervalSeconds : FirmwareWakeSeconds, 60u, 86400u);
        // A sleeping label is not offline: it is "missing" only once it skipped two wakes.
        string presence = s.Online ? "online"
            : s.LastSeen is not { } seen ? "never"
            : now - seen > TimeSpan.FromSeconds(2 * wake + 120) ? "missing" : "asleep";
        string? rejected = s.LastAck is { } ack && ack.Result != "Applied" && stored is not null && ack.ContentVersion == stored.Version
            ? ack.Result + (ack.Detail.Length > 0 ? ": " + ack.Detail : "") : null;
        return new LabelSummary(d.Id, d.Name, d.Sku, d.Panel, d.Red, label.Name,
            label.PriceMinor < 0 ? null : ContentMapping.FormatPrice(label.PriceMinor, label.PriceDecimals),
            label.Currency, label.CurrencyAfter, label.DecimalMark.ToString(), label.Promo,
            label.CodeKind switch { LabelCodeKind.Qr => "qr", LabelCodeKind.Ean13 => "ean13", _ => "none" }, label.CodeData,
            stored?.Version ?? 0, s.AppliedContentVersion, s.Online, s.LastSeen, rejected, presence, wake);
    }

    private static IResult PreviewDraft(string id, ContentDocument body, long? at, IContentDevices devices, ContentPreparation preparation, TimeProvider time)
    {
        var device = devices.Find(id);
        if (device is null) return ContentEndpoints.UnknownDevice(id);
        var errors = new ValidationErrors();
        PreparedContent? prepared;
        try { prepared = preparation.Prepare(device, body.Label, body.Tent, errors); }
        catch (GlyphSourceMissingException e) { return ContentEndpoints.GlyphsMissing(e); }
        if (prepared is null) return Results.ValidationProblem(errors.ToDictionary(), "The content was not accepted: " + errors.Summary());
        long unix = at ?? time.GetUtcNow().ToUnixTimeSeconds();
        if (unix < 0 || unix > uint.MaxValue) return Results.Problem("'at' is unix seconds.", statusCode: 400, title: "Bad Request");
        // The very renderer of GET .../preview.png, fed the payload a save would store: the same pixels, byte for byte.
        var draft = new StoredContent(id, 0, prepared.Kind, prepared.Payload, Array.Empty<byte>(), prepared.PictureHash, time.GetUtcNow());
        var frame = PreviewEndpoints.Render(device, draft, (uint)unix)!;
        return Results.Bytes(PngFile.Encode(new FrameImage(frame)), "image/png");
    }

    private static IResult ImportCsv(PriceCsvRequest body, HttpContext http, PriceUpdater updater)
    {
        string csv = body.Csv ?? "";
        if (csv.Length > MaxCsvChars)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["csv"] = new[] { "The file is larger than 2 MB; split it." } },
                "The file is larger than 2 MB; split it.");
        }
        var (lines, errors) = PriceCsv.Parse(csv);
        var items = lines.Select(l => new PriceUpdateItem { Sku = l.Sku, Price = System.Text.Json.JsonSerializer.SerializeToElement(l.Price), Name = l.Name, Promo = l.Promo }).ToList();
        PricePlan plan;
        try { plan = updater.Plan(items); }
        catch (GlyphSourceMissingException e) { return ContentEndpoints.GlyphsMissing(e); }

        var skipped = new List<PriceCsvError>();
        for (int i = 0; i < items.Count; i++)
        {
            if (plan.Failures[i] is not { } failure) continue;
            int line = lines[i].Line;
            if (failure.Status == "unknownSku") skipped.Add(new PriceCsvError(line, "line " + line + ": no label is bound to sku '" + lines[i].Sku + "'; skipped."));
            else errors.Add(new PriceCsvError(line, "line " + line + ": " + failure.Error));
        }
        errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        var changes = plan.Changes.Select(c => new PriceCsvChange(lines[c.Item].Line, c.Sku, c.Device.Id, c.Device.Name, c.FromVersion,
            Face(c.Before), Face(c.After.Label!), c.Changed)).ToList();
        string token = Token(csv, plan);
        bool dryRun = body.DryRun ?? true;
        PriceUpdateResponse? result = null;
        if (!dryRun)
        {
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors.GroupBy(e => "line " + e.Line).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                    "Nothing was changed: fix the " + (errors.Count == 1 ? "line" : errors.Count + " lines") + " below and import the file again.",
                    title: "The file has mistakes");
            }
            if (body.Token is { Length: > 0 } expected && expected != token)
            {
                return Results.Problem("Some labels changed since the dry run (someone else saved, or a label was bound to another product). Nothing was changed; check the file again.",
                    statusCode: StatusCodes.Status409Conflict, title: "Labels changed since the dry run");
            }
            result = updater.Apply(plan, null, ContentEndpoints.Source(http) + " (csv)");
        }
        return Results.Ok(new PriceCsvResponse(dryRun, result is not null, token, lines.Count, errors, skipped, changes,
            changes.Count(c => c.Changed), changes.Count(c => !c.Changed), result));
    }

    private static LabelFace Face(LabelContent c) =>
        new(c.Name, c.PriceMinor < 0 ? null : ContentMapping.FormatPrice(c.PriceMinor, c.PriceDecimals), c.Currency, c.CurrencyAfter, c.DecimalMark.ToString(), c.Promo);

    /// <summary>Fingerprint of the file and of the labels' versions it was planned against.</summary>
    private static string Token(string csv, PricePlan plan)
    {
        var text = new StringBuilder(csv).Append('\n');
        foreach (var c in plan.Changes) text.Append(c.Device.Id).Append(':').Append(c.FromVersion.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}

/// <summary>Body of POST /api/labels/prices/csv: the file's text, whether to only look (default), and the dry run's token when applying.</summary>
public sealed class PriceCsvRequest
{
    public string? Csv { get; set; }
    public bool? DryRun { get; set; }
    public string? Token { get; set; }
}

/// <summary>What a label shows: product name, price ("2.49", null = none) with its currency and decimal mark as printed, promo badge.</summary>
public sealed record LabelFace(string Name, string? Price, string Currency, bool CurrencyAfter, string DecimalMark, string Promo);

/// <summary>One label a line of the file changes: before and after; Changed false when its picture stays the same.</summary>
public sealed record PriceCsvChange(int Line, string Sku, string DeviceId, string DeviceName, uint FromVersion, LabelFace Old, LabelFace New, bool Changed);

/// <summary>
/// The import's answer. Errors block applying; skipped lines (SKU bound to no label) do not. Result is the bulk
/// price update's answer when applied (new versions per label, for progress).
/// </summary>
public sealed record PriceCsvResponse(bool DryRun, bool Applied, string Token, int Lines, IReadOnlyList<PriceCsvError> Errors,
    IReadOnlyList<PriceCsvError> Skipped, IReadOnlyList<PriceCsvChange> Changes, int Changing, int Unchanged, PriceUpdateResponse? Result);

/// <summary>
/// A shelf label for the console: binding, what it shows (desired) and whether it shows it yet (applied). Presence:
/// online (awake now), asleep (seen within two wake intervals), missing (not since), never (not seen yet).
/// </summary>
public sealed record LabelSummary(string Id, string Name, string? Sku, string Panel, bool Red, string ProductName, string? Price,
    string Currency, bool CurrencyAfter, string DecimalMark, string Promo, string CodeKind, string CodeData,
    uint DesiredVersion, uint AppliedVersion, bool Online, DateTimeOffset? LastSeen, string? RejectedReason,
    string Presence, uint WakeIntervalSeconds);

public sealed record LabelSearchResult(int Total, IReadOnlyList<LabelSummary> Labels);

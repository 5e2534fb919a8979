using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Api;
using Devices.Gateway.Glyphs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Devices.Gateway.Content;

/// <summary>Content API: set, read, history, schedule, bulk prices by SKU.</summary>
public static class ContentEndpoints
{
    public static WebApplication MapContentEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireApiKey().WithTags("Content");
        api.MapGet("/devices/{id}/content", GetContent)
            .WithSummary("The device's desired content and version (ETag).")
            .Produces<ContentView>().ProducesProblem(404);
        api.MapPut("/devices/{id}/content", PutContent)
            .WithSummary("Sets the device's content; If-Match: \"<version>\" for optimistic concurrency; effectiveAt schedules it.")
            .Accepts<ContentDocument>("application/json")
            .Produces<ContentWriteResult>().Produces<ContentScheduledResult>(202)
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(503);
        api.MapGet("/devices/{id}/content/history", GetHistory)
            .WithSummary("Past versions of the device's content, newest first.")
            .Produces<List<HistoryView>>().ProducesProblem(404);
        api.MapGet("/devices/{id}/content/scheduled", GetScheduled)
            .WithSummary("The device's scheduled content changes, earliest first.")
            .Produces<List<ScheduledView>>().ProducesProblem(404);
        api.MapDelete("/devices/{id}/content/scheduled/{scheduleId:long}", DeleteScheduled)
            .WithSummary("Cancels a scheduled content change.")
            .Produces(204).ProducesProblem(404);
        api.MapPost("/labels/prices", PostPrices)
            .WithSummary("Bulk price update by SKU (at most 1000 items) for every label bound to each SKU.")
            .Accepts<PriceUpdateRequest>("application/json")
            .Produces<PriceUpdateResponse>().ProducesValidationProblem().ProducesProblem(503);
        app.MapLabelEndpoints();
        return app;
    }

    private static IResult GetContent(string id, IContentDevices devices, ContentStore store, HttpContext http)
    {
        if (devices.Find(id) is null) return UnknownDevice(id);
        var stored = store.Get(id);
        http.Response.Headers.ETag = ETag(stored?.Version ?? 0);
        return Results.Ok(View(id, stored));
    }

    private static IResult PutContent(
        string id, ContentDocument body, HttpContext http, IContentDevices devices, ContentStore store,
        ContentPreparation preparation, ContentSchedule schedule, TimeProvider time)
    {
        var device = devices.Find(id);
        if (device is null) return UnknownDevice(id);
        if (!TryParseIfMatch(http.Request.Headers.IfMatch.ToString(), store.Get(id)?.Version ?? 0, out var ifMatch))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["If-Match"] = new[] { "Use If-Match: \"<version>\" (the ETag of GET .../content) or *." } });
        }
        var errors = new ValidationErrors();
        PreparedContent? prepared;
        try { prepared = preparation.Prepare(device, body.Label, body.Tent, errors); }
        catch (GlyphSourceMissingException e) { return GlyphsMissing(e); }
        if (prepared is null) return Results.ValidationProblem(errors.ToDictionary(), "The content was not accepted: " + errors.Summary());

        if (body.EffectiveAt is { } at && at > time.GetUtcNow())
        {
            uint current = store.Get(id)?.Version ?? 0;
            if (ifMatch is { } expected && expected != current) return VersionMismatch(id, current);
            long scheduleId = schedule.Add(id, at, prepared.Kind, prepared.Payload, Source(http));
            return Results.Json(new ContentScheduledResult(id, scheduleId, at, prepared.Warnings), statusCode: StatusCodes.Status202Accepted);
        }
        var result = store.Set(device, prepared, ifMatch, Source(http));
        if (result.Outcome == SetOutcome.VersionMismatch) return VersionMismatch(id, result.Version);
        http.Response.Headers.ETag = ETag(result.Version);
        return Results.Ok(new ContentWriteResult(id, result.Version, result.Outcome == SetOutcome.Changed, prepared.Warnings));
    }

    private static IResult GetHistory(string id, IContentDevices devices, ContentStore store, int? limit)
    {
        if (devices.Find(id) is null) return UnknownDevice(id);
        var entries = store.History(id, Math.Clamp(limit ?? 20, 1, 500));
        return Results.Ok(entries.Select(e => new HistoryView(e.Version, KindName(e.Kind),
            e.Kind == ContentKind.Label ? ToDocument(e.Payload, out LabelDocument? l) ? l : null : null,
            e.Kind == ContentKind.Tent ? ToDocument(e.Payload, out TentDocument? t) ? t : null : null,
            e.Source, e.CreatedAt)).ToList());
    }

    private static IResult GetScheduled(string id, IContentDevices devices, ContentSchedule schedule)
    {
        if (devices.Find(id) is null) return UnknownDevice(id);
        return Results.Ok(schedule.List(id).Select(s => new ScheduledView(s.Id, s.DeviceId, s.EffectiveAt, KindName(s.Kind), s.Source)).ToList());
    }

    private static IResult DeleteScheduled(string id, long scheduleId, IContentDevices devices, ContentSchedule schedule)
    {
        if (devices.Find(id) is null) return UnknownDevice(id);
        return schedule.Remove(scheduleId, id)
            ? Results.NoContent()
            : Results.Problem("Device '" + id + "' has no scheduled change " + scheduleId + ".", statusCode: 404, title: "Not Found");
    }

    private static IResult PostPrices(PriceUpdateRequest body, HttpContext http, PriceUpdater updater, TimeProvider time)
    {
        var items = body.Items;
        if (items is null || items.Count == 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["items"] = new[] { "Send at least one item." } });
        }
        if (items.Count > PriceUpdateRequest.MaxItems)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["items"] = new[] { "At most " + PriceUpdateRequest.MaxItems + " items per request; this one has " + items.Count + ". Split it." },
            });
        }
        DateTimeOffset? scheduledAt = body.EffectiveAt is { } at && at > time.GetUtcNow() ? at : null;
        try
        {
            var plan = updater.Plan(items);
            return Results.Ok(updater.Apply(plan, scheduledAt, Source(http) + " (prices)"));
        }
        catch (GlyphSourceMissingException e) { return GlyphsMissing(e); }
    }

    public static ContentView View(string id, StoredContent? stored)
    {
        if (stored is null) return new ContentView(id, 0, null, null, null, null);
        ToDocument(stored.Payload, out LabelDocument? label);
        ToDocument(stored.Payload, out TentDocument? tent);
        return new ContentView(id, stored.Version, KindName(stored.Kind),
            stored.Kind == ContentKind.Label ? label : null, stored.Kind == ContentKind.Tent ? tent : null, stored.UpdatedAt);
    }

    private static bool ToDocument(byte[] payload, out LabelDocument? document)
    {
        document = LabelContentCodec.TryDecode(payload, 0, payload.Length, out var c).Ok ? ContentMapping.ToDocument(c) : null;
        return document is not null;
    }

    private static bool ToDocument(byte[] payload, out TentDocument? document)
    {
        document = TentContentCodec.TryDecode(payload, 0, payload.Length, out var c).Ok ? ContentMapping.ToDocument(c) : null;
        return document is not null;
    }

    private static string KindName(ContentKind kind) => kind == ContentKind.Label ? "label" : "tent";

    private static string ETag(uint version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>Absent: null (no check). "*": the current version. "N", N or W/"N": N. Anything else: false.</summary>
    public static bool TryParseIfMatch(string header, uint currentVersion, out uint? version)
    {
        version = null;
        header = header.Trim();
        if (header.Length == 0) return true;
        if (header == "*") { version = currentVersion; return true; }
        if (header.StartsWith("W/", StringComparison.Ordinal)) header = header[2..];
        header = header.Trim('"');
        if (!uint.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return false;
        version = v;
        return true;
    }

    public static string Source(HttpContext http) => "api:" + (http.User.Identity?.Name ?? "?");

    public static IResult UnknownDevice(string id) =>
        Results.Problem("No device with id '" + id + "' is provisioned.", statusCode: StatusCodes.Status404NotFound, title: "Unknown device");

    public static IResult VersionMismatch(string id, uint current) =>
        Results.Problem("The content of '" + id + "' is at version " + current + ", not the one in If-Match; read it again and retry.",
            statusCode: StatusCodes.Status412PreconditionFailed, title: "Version mismatch",
            extensions: new Dictionary<string, object?> { ["currentVersion"] = current });

    public static IResult GlyphsMissing(GlyphSourceMissingException e) =>
        Results.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Glyphs unavailable");
}

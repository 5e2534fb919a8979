using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.RotatingCodes;
using Devices.Gateway.Api;
using Devices.Gateway.Content;
using Devices.Gateway.Glyphs;
using Devices.Gateway.Registry;
using Devices.Gateway.Verify;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Devices.Gateway.StaffConsole;

/// <summary>
/// What the Fleet and Tables pages need beyond /api: devices waiting to be named, tent settings for some or all
/// tables in one go, and a test scan of the code a tent shows right now.
/// </summary>
public static class TableEndpoints
{
    public static WebApplication MapConsoleTables(this WebApplication app)
    {
        var api = app.MapGroup("/console/api").RequireApiKey().WithTags("Console");
        api.MapGet("/fleet/settings", (Microsoft.Extensions.Options.IOptions<Devices.Gateway.Reconciliation.ReconciliationOptions> o) =>
                Results.Ok(new FleetSettings(o.Value.WakeIntervalSeconds > 0 ? o.Value.WakeIntervalSeconds : new Devices.Firmware.Core.Apps.ShelfLabelOptions().DefaultWakeSeconds)))
            .WithSummary("What the Fleet page needs to judge devices: how often shelf labels wake (the gateway's setting, else the firmware default).");
        api.MapGet("/devices/waiting", Waiting)
            .WithSummary("Devices never given a name (their name is still their id), newest first.");
        api.MapPost("/tents/settings", ApplySettings)
            .WithSummary("Sets link template, rotation period, headline and/or playlist on the listed tents (no deviceIds: every tent), all or none.")
            .Accepts<TentSettingsRequest>("application/json")
            .Produces<TentSettingsResult>().ProducesValidationProblem().ProducesProblem(404);
        api.MapPost("/tents/{id}/test-scan", TestScan)
            .WithSummary("Makes the link the tent shows now and verifies it as a backend would (POST /api/codes/verify).")
            .Produces<TestScanResult>().ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static IResult Waiting(IDeviceRegistry registry, DeviceStatusStore status) =>
        Results.Ok(registry.List().Where(d => d.Name == d.Id).OrderByDescending(d => d.CreatedAt)
            .Select(d => new WaitingDevice(d.Id, d.KindName, d.Panel, d.CreatedAt, status.Get(d.Id).Online, status.Get(d.Id).LastSeen)).ToList());

    private static IResult ApplySettings(TentSettingsRequest body, HttpContext http, IDeviceRegistry registry, IContentDevices devices,
        ContentStore store, ContentPreparation preparation)
    {
        if (body.LinkTemplate is null && body.RotationSeconds is null && body.Headline is null && body.Playlist is null
            && body.ShowFallbackCode is null && body.DwellSeconds is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["linkTemplate"] = new[] { "Nothing to change: send linkTemplate, rotationSeconds, headline, dwellSeconds, showFallbackCode or playlist." } });
        }
        List<string> ids;
        if (body.DeviceIds is null) ids = registry.List().Where(d => d.Kind == DeviceKind.TableTent).Select(d => d.Id).ToList();
        else
        {
            ids = body.DeviceIds.Distinct(StringComparer.Ordinal).ToList();
            var wrong = ids.Where(i => registry.Find(i)?.Kind != DeviceKind.TableTent).ToList();
            if (wrong.Count > 0)
            {
                return Results.Problem("These are not table tents of this gateway: " + string.Join(", ", wrong) + ".", statusCode: StatusCodes.Status404NotFound, title: "Unknown table tent");
            }
        }
        if (ids.Count == 0) return Results.ValidationProblem(new Dictionary<string, string[]> { ["deviceIds"] = new[] { "There is no table tent to change." } });

        var writes = new List<(ContentDevice, PreparedContent)>();
        var errors = new Dictionary<string, List<string>>();
        foreach (var id in ids)
        {
            var device = devices.Find(id)!;
            var current = CurrentTent(store.Get(id));
            var document = current is null ? new TentDocument { TableName = device.Name } : ContentMapping.ToDocument(current);
            if (body.LinkTemplate is not null) document.LinkTemplate = body.LinkTemplate;
            if (body.RotationSeconds is not null) document.RotationSeconds = body.RotationSeconds;
            if (body.Headline is not null) document.Headline = body.Headline;
            if (body.DwellSeconds is not null) document.DwellSeconds = body.DwellSeconds;
            if (body.ShowFallbackCode is not null) document.ShowFallbackCode = body.ShowFallbackCode;
            if (body.Playlist is not null) document.Playlist = body.Playlist;
            var problems = new ValidationErrors();
            PreparedContent? prepared;
            try { prepared = preparation.PrepareTent(device, ContentMapping.ToTent(document, "tent", problems), problems); }
            catch (GlyphSourceMissingException e) { return Results.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Glyphs unavailable"); }
            if (prepared is not null) { writes.Add((device, prepared)); continue; }
            foreach (var (field, messages) in problems.ToDictionary())
            {
                string key = field.StartsWith("tent.", StringComparison.Ordinal) ? field[5..] : field;
                if (!errors.TryGetValue(key, out var list)) errors[key] = list = new List<string>();
                // The same message for every tent is said once; a tent-specific one (panel size) names the tent.
                foreach (var m in messages) if (!list.Contains(m) && !list.Contains(m + " (" + device.Name + ")")) list.Add(ids.Count > 1 && m.Contains("panel", StringComparison.Ordinal) ? m + " (" + device.Name + ")" : m);
            }
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
                "Nothing was changed: " + string.Join(" ", errors.SelectMany(e => e.Value)));
        }
        var results = store.SetMany(writes, null, "api:" + (http.User.Identity?.Name ?? "?") + " (tent settings)");
        var items = writes.Select((w, i) => new TentSettingsItem(w.Item1.Id, results[i].Version, results[i].Outcome == SetOutcome.Changed)).ToList();
        return Results.Ok(new TentSettingsResult(items.Count(i => i.Changed), items.Count(i => !i.Changed), items));
    }

    private static IResult TestScan(string id, IContentDevices devices, ContentStore store, LinkVerifier verifier, TimeProvider time)
    {
        var device = devices.Find(id);
        if (device is null || device.Kind != DeviceKind.TableTent)
        {
            return Results.Problem("No table tent '" + id + "' is provisioned.", statusCode: StatusCodes.Status404NotFound, title: "Unknown table tent");
        }
        var tent = CurrentTent(store.Get(id));
        if (tent is null)
        {
            return Results.Problem("Table tent '" + id + "' has no link yet: set its link template first.", statusCode: StatusCodes.Status409Conflict, title: "No link yet");
        }
        var now = time.GetUtcNow();
        var code = new RotatingCode(device.Id, device.CodeKey, tent.RotationSeconds);
        uint counter = code.CounterAt((uint)now.ToUnixTimeSeconds());
        string link = code.Link(tent.LinkTemplate, counter);
        // The same check a backend gets from POST /api/codes/verify.
        var verdict = verifier.Verify(link, now);
        long next = ((long)counter + 1) * tent.RotationSeconds;
        return Results.Ok(new TestScanResult(link, tent.ShowFallbackCode ? code.FallbackCode(counter) : null, now,
            DateTimeOffset.FromUnixTimeSeconds(next), verdict));
    }

    private static TentContent? CurrentTent(StoredContent? stored) =>
        stored is { Kind: ContentKind.Tent } && TentContentCodec.TryDecode(stored.Payload, 0, stored.Payload.Length, out var tent).Ok ? tent : null;
}

/// <summary>Shelf labels sleep this long between wakes; one not heard from for two of these has missed a wake.</summary>
public sealed record FleetSettings(uint LabelWakeSeconds);

public sealed record WaitingDevice(string Id, string Kind, string Panel, DateTimeOffset CreatedAt, bool Online, DateTimeOffset? LastSeen);

/// <summary>Body of POST /console/api/tents/settings. Fields left out stay as each tent has them; playlist [] empties it.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class TentSettingsRequest
{
    /// <summary>The tents to change; absent or null: every table tent.</summary>
    public List<string>? DeviceIds { get; set; }
    public string? LinkTemplate { get; set; }
    public uint? RotationSeconds { get; set; }
    public string? Headline { get; set; }
    public uint? DwellSeconds { get; set; }
    public bool? ShowFallbackCode { get; set; }
    public List<TentPlaylistDocument>? Playlist { get; set; }
}

public sealed record TentSettingsItem(string DeviceId, uint Version, bool Changed);

public sealed record TentSettingsResult(int Changed, int Unchanged, IReadOnlyList<TentSettingsItem> Devices);

/// <summary>The link a tent shows now, its fallback code, when the next code appears, and the verify verdict.</summary>
public sealed record TestScanResult(string Link, string? FallbackCode, DateTimeOffset ScannedAt, DateTimeOffset NextCodeAt, VerifyResponse Verdict);

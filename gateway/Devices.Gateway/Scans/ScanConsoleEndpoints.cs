using System;
using System.Collections.Generic;
using System.Text;
using Devices.Gateway.Outbox;
using Devices.Gateway.Relay;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Scans;

/// <summary>What the staff console's Scans page reads: scans per minute, webhook delivery states, the privacy setting.</summary>
public static class ScanConsoleEndpoints
{
    public const int MaxMinutes = 1440;

    public static RouteGroupBuilder MapScanConsoleEndpoints(this RouteGroupBuilder api)
    {
        var scans = api.MapGroup("/scans").WithTags("Scans");
        scans.MapGet("/per-minute", PerMinute)
            .WithSummary("Scans received per minute, oldest minute first: the last `minutes` (default 60) up to `end` (default: the end of the current minute).")
            .Produces<ScansPerMinute>().ProducesValidationProblem();
        scans.MapGet("/deliveries", Deliveries)
            .WithSummary("Webhook delivery of recent scans, newest first, with counts: pending, retrying and dead now, delivered in the last hour.")
            .Produces<DeliveriesView>().ProducesValidationProblem();
        scans.MapGet("/privacy", (IOptions<OutboxOptions> options) => Results.Ok(Privacy(options.Value)))
            .WithSummary("What the gateway keeps of scanned data (Outbox:DataPrivacy) and whether it can be shown.")
            .Produces<ScanPrivacyView>();
        scans.MapGet("/{id:long}/data", Data)
            .WithSummary("The stored data of one scan, only when the gateway keeps scanned data as scanned (DataPrivacy Store).")
            .Produces<ScanDataView>().ProducesProblem(403).ProducesProblem(404);
        return api;
    }

    private static IResult PerMinute(ScanStatistics statistics, TimeProvider time, int? minutes, DateTimeOffset? end)
    {
        int n = minutes ?? 60;
        if (n < 1 || n > MaxMinutes)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["minutes"] = new[] { "Ask for 1 to 1440 minutes." } });
        }
        // Minute boundaries, so the same minute always counts the same scans; by default the current minute is the last.
        long endMs = (end ?? time.GetUtcNow().AddMinutes(1)).ToUnixTimeMilliseconds();
        endMs -= ((endMs % 60_000) + 60_000) % 60_000;
        var to = DateTimeOffset.FromUnixTimeMilliseconds(endMs);
        var counts = statistics.PerMinute(to, n);
        return Results.Ok(new ScansPerMinute(to.AddMinutes(-n), to, counts));
    }

    private static IResult Deliveries(ScanStatistics statistics, RelayStatus relay, TimeProvider time, string? state, int? limit)
    {
        if (state is not (null or "" or "pending" or "retrying" or "delivered" or "dead"))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["state"] = new[] { "Use pending, retrying, delivered or dead (or nothing for all)." } });
        }
        var items = statistics.Deliveries(string.IsNullOrEmpty(state) ? null : state, Math.Clamp(limit ?? 50, 1, ScanEndpoints.MaxLimit));
        return Results.Ok(new DeliveriesView(statistics.Counts(time.GetUtcNow().AddHours(-1)), relay.Current, items));
    }

    private static IResult Data(long id, ScanStatistics statistics, IOptions<OutboxOptions> options)
    {
        var privacy = Privacy(options.Value);
        if (!privacy.CanShowData)
        {
            return Results.Problem("This gateway does not keep scanned data as scanned (privacy setting " + privacy.DataPrivacy + "), so there is nothing more to show.",
                statusCode: StatusCodes.Status403Forbidden, title: "Scanned data is not kept");
        }
        var data = statistics.Data(id);
        if (data is null) return Results.Problem("There is no scan " + id + " (it may have been deleted after delivery).", statusCode: 404, title: "No such scan");
        return Results.Ok(new ScanDataView(id, Text(data)));
    }

    private static ScanPrivacyView Privacy(OutboxOptions o)
    {
        string name = o.DataPrivacy switch { ScanDataPrivacy.Hash => "hash", ScanDataPrivacy.Truncate => "truncate", _ => "store" };
        return new ScanPrivacyView(name, o.DataPrivacy == ScanDataPrivacy.Store);
    }

    private static string Text(byte[] data)
    {
        try { return new UTF8Encoding(false, true).GetString(data); }
        catch (DecoderFallbackException) { return "0x" + Convert.ToHexString(data); }
    }
}

public sealed record ScansPerMinute(DateTimeOffset From, DateTimeOffset To, long[] Counts);

public sealed record DeliveriesView(DeliveryCounts Counts, RelayStatus.Snapshot Relay, IReadOnlyList<DeliveryView> Items);

/// <summary>dataPrivacy: store, hash or truncate; canShowData only for store (otherwise the full data is gone).</summary>
public sealed record ScanPrivacyView(string DataPrivacy, bool CanShowData);

public sealed record ScanDataView(long Id, string Data);

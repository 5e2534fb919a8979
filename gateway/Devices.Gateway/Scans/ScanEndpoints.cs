using System.Linq;
using System.Threading.Tasks;
using Devices.Gateway.Outbox;
using Devices.Gateway.Relay;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Devices.Gateway.Scans;

/// <summary>Scan history, dead letters and the relay's state, under /api (the API-key group).</summary>
public static class ScanEndpoints
{
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapScanEndpoints(this RouteGroupBuilder api)
    {
        var scans = api.MapGroup("/scans").WithTags("Scans");
        scans.MapGet("/", (ScanOutbox outbox, int? limit) =>
                Results.Ok(outbox.Recent(Limit(limit, 50)).Select(ScanView.From)))
            .WithSummary("Recent scans, newest first (data masked: length and last 4 characters)");
        scans.MapGet("/dead-letters", (ScanOutbox outbox, int? limit) =>
                Results.Ok(outbox.DeadLetters(Limit(limit, 100)).Select(ScanView.From)))
            .WithSummary("Scans given up after the retry horizon, oldest first");
        scans.MapPost("/dead-letters/{id:long}/resend", async (ScanOutbox outbox, long id) =>
                await outbox.ResendAsync(id)
                    ? Results.Accepted(value: new { id, resent = true })
                    : Results.Problem($"Scan {id} is not a dead letter.", statusCode: StatusCodes.Status404NotFound))
            .WithSummary("Puts a dead letter back at its place in its device's queue");
        scans.MapPost("/dead-letters/resend", async (ScanOutbox outbox) =>
                Results.Accepted(value: new { resent = await outbox.ResendAllAsync() }))
            .WithSummary("Re-sends every dead letter");

        var relay = api.MapGroup("/relay").WithTags("Relay");
        relay.MapGet("/status", (RelayStatus status, ScanOutbox outbox) =>
                Results.Ok(new { status.Current, Pending = outbox.PendingCount() }))
            .WithSummary("The backend endpoint's state (disabled after a 410), last delivery and failure, pending scans");
        relay.MapPost("/enable", (RelayStatus status, ScanRelay relayService) =>
            {
                status.Enable();
                relayService.Wake();
                return Results.Ok(status.Current);
            })
            .WithSummary("Re-enables an endpoint disabled by a 410 Gone");
        api.MapScanConsoleEndpoints();
        return api;
    }

    private static int Limit(int? asked, int fallback) => asked is null ? fallback : System.Math.Clamp(asked.Value, 1, MaxLimit);
}

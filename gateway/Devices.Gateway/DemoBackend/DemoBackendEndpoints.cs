using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Devices.Gateway.Relay;
using Devices.Gateway.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.DemoBackend;

/// <summary>
/// A tiny backend for the demo run: verifies each webhook's signature like a real backend must, keeps the events,
/// and answers with a message for the device's display. Not behind the API key: it authenticates by signature.
/// </summary>
public static class DemoBackendEndpoints
{
    public static void MapDemoBackend(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<DemoBackendOptions>>().Value;
        if (!options.Enabled) return;
        var group = app.MapGroup("/demo-backend").ExcludeFromDescription();
        group.MapPost("/webhooks", Receive);
        group.MapGet("/events", (DemoBackendInbox inbox) => Results.Json(new
        {
            accepted = inbox.Accepted,
            refused = inbox.Refused,
            events = inbox.Events().Select(r => new { r.WebhookId, receivedAt = r.At, scan = r.Event }),
        }, ScanWebhookJson.Options));
        group.MapGet("/", (DemoBackendInbox inbox) => Results.Content(Page(inbox), "text/html; charset=utf-8"));
    }

    private static async Task<IResult> Receive(HttpRequest request, DemoBackendInbox inbox,
        IOptions<RelayOptions> relay, IOptions<DemoBackendOptions> demo, TimeProvider time)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var body = buffer.ToArray();
        var h = request.Headers;
        var why = WebhookSignature.Verify(WebhookSecret.Parse(relay.Value.Secret), h[WebhookSignature.IdHeader],
            h[WebhookSignature.TimestampHeader], h[WebhookSignature.SignatureHeader], body, time.GetUtcNow());
        if (why is not null)
        {
            inbox.Refuse();
            return Results.Problem(why, statusCode: StatusCodes.Status401Unauthorized, title: "Invalid webhook signature");
        }
        System.Collections.Generic.IReadOnlyList<ScanWebhookEvent> events;
        try
        {
            events = ScanWebhookJson.Read(body);
        }
        catch (JsonException)
        {
            inbox.Refuse();
            return Results.Problem("The body is not a scan webhook.", statusCode: StatusCodes.Status400BadRequest);
        }
        inbox.Add(h[WebhookSignature.IdHeader]!, events, time.GetUtcNow());
        var display = new { text = demo.Value.ReplyText, seconds = demo.Value.ReplySeconds, outcome = "accepted" };
        return events.Count == 1
            ? Results.Json(new { display })
            : Results.Json(new { results = events.Select(e => new { e.DeviceId, e.Seq, display }) }, ScanWebhookJson.Options);
    }

    private static string Page(DemoBackendInbox inbox)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><meta charset=utf-8><meta http-equiv=refresh content=3><title>Demo backend</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em}td,th{padding:.2em .8em;text-align:left}</style>")
            .Append("<h1>Demo backend: received scans</h1><p>")
            .Append(inbox.Accepted).Append(" accepted, ").Append(inbox.Refused)
            .Append(" refused (bad signature). JSON: <a href=events>events</a></p><table><tr><th>Received<th>Device<th>Seq<th>Data<th>Scanned at<th>webhook-id</tr>");
        foreach (var r in inbox.Events().Take(100))
        {
            html.Append("<tr><td>").Append(r.At.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture))
                .Append("<td>").Append(WebUtility.HtmlEncode(r.Event.DeviceName ?? r.Event.DeviceId))
                .Append("<td>").Append(r.Event.Seq)
                .Append("<td>").Append(WebUtility.HtmlEncode(r.Event.Data))
                .Append("<td>").Append(r.Event.ScannedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture))
                .Append("<td>").Append(WebUtility.HtmlEncode(r.WebhookId)).Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }
}

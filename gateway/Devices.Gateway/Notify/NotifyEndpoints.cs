using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Api;
using Devices.Gateway.Content;
using Devices.Gateway.Downlink;
using Devices.Gateway.Glyphs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Devices.Gateway.Notify;

/// <summary>POST /api/devices/{id}/notify: cmd/{id}/notify built with the Core's NotifyMessage.</summary>
public static class NotifyEndpoints
{
    public const uint MaxSeconds = 3600;

    public static WebApplication MapNotifyEndpoints(this WebApplication app)
    {
        app.MapGroup("/api").RequireApiKey().WithTags("Notify")
            .MapPost("/devices/{id}/notify", NotifyAsync)
            .WithSummary("Shows a message on the device for a few seconds and/or flashes its LED.")
            .Accepts<NotifyRequest>("application/json")
            .Produces<NotifyResponse>(202).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(503);
        return app;
    }

    private static async Task<IResult> NotifyAsync(
        string id, NotifyRequest body, IContentDevices devices, IDownlink downlink, ILoggerFactory logs, CancellationToken ct)
    {
        if (devices.Find(id) is null) return ContentEndpoints.UnknownDevice(id);
        var errors = new ValidationErrors();
        var message = new NotifyMessage { Text = body.Text ?? "", DisplaySeconds = body.Seconds ?? 5, LedCount = body.LedCount ?? 3 };
        if (Encoding.UTF8.GetByteCount(message.Text) > NotifyMessage.MaxTextBytes) errors.Add("text", "At most 128 bytes of UTF-8.");
        if (message.DisplaySeconds > MaxSeconds) errors.Add("seconds", "At most 3600 seconds.");
        switch (body.Led ?? "none")
        {
            case "none": message.Led = LedPattern.None; break;
            case "blink": message.Led = LedPattern.Blink; break;
            case "fastBlink": message.Led = LedPattern.FastBlink; break;
            case "steady": message.Led = LedPattern.Steady; break;
            default: errors.Add("led", "Use \"none\", \"blink\", \"fastBlink\" or \"steady\"."); break;
        }
        if (message.Text.Length == 0 && message.Led == LedPattern.None) errors.Add("text", "Send a text, an LED pattern, or both.");
        if (errors.Any) return Results.ValidationProblem(errors.ToDictionary(), "The notification was not accepted: " + errors.Summary());

        // Notifications carry no extra glyphs: characters outside the device font show as a box.
        var missing = message.Text.Where(c => !char.IsControl(c) && !GlyphFiller.DeviceFontsCover(c)).Distinct().ToList();
        var warnings = missing.Count == 0
            ? Array.Empty<string>()
            : new[] { "The device font lacks " + string.Join(", ", missing.Select(c => "U+" + ((int)c).ToString("X4"))) + "; they show as a box." };
        try
        {
            await downlink.PublishAsync(id, TopicKind.Notify, message.Encode(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ArgumentException)
        {
            logs.CreateLogger("Devices.Gateway.Notify").LogWarning(e, "Notify to {Device} could not be published", id);
            return Results.Problem("The broker did not take the notification: " + e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Broker unavailable");
        }
        return Results.Json(new NotifyResponse(id, true, warnings), statusCode: StatusCodes.Status202Accepted);
    }
}

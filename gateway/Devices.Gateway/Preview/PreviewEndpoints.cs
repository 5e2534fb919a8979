using System;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Api;
using Devices.Gateway.Content;
using Devices.Imaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Devices.Gateway.Preview;

/// <summary>
/// GET /api/devices/{id}/preview.png: the desired content drawn by the same Core layouts the device runs, on its
/// panel, as a PNG (white, black, red). A tent shows its main screen with the token of the current period
/// (or of ?at=unix-seconds).
/// </summary>
public static class PreviewEndpoints
{
    public static WebApplication MapPreviewEndpoints(this WebApplication app)
    {
        app.MapGroup("/api").RequireApiKey().WithTags("Preview")
            .MapGet("/devices/{id}/preview.png", Preview)
            .WithSummary("PNG of what the device shows for its desired content, pixel for pixel.")
            .Produces(200, contentType: "image/png").ProducesProblem(404);
        return app;
    }

    private static IResult Preview(string id, long? at, IContentDevices devices, ContentStore store, TimeProvider time)
    {
        var device = devices.Find(id);
        if (device is null) return ContentEndpoints.UnknownDevice(id);
        var stored = store.Get(id);
        if (stored is null)
        {
            return Results.Problem("Device '" + id + "' has no content yet; PUT /api/devices/" + id + "/content first.", statusCode: 404, title: "No content");
        }
        long unix = at ?? time.GetUtcNow().ToUnixTimeSeconds();
        if (unix < 0 || unix > uint.MaxValue) return Results.Problem("'at' is unix seconds.", statusCode: 400, title: "Bad Request");
        var frame = Render(device, stored, (uint)unix);
        if (frame is null) return Results.Problem("The stored content of '" + id + "' does not decode.", statusCode: 500);
        return Results.Bytes(PngFile.Encode(new FrameImage(frame)), "image/png");
    }

    /// <summary>The frame the device draws for this content at <paramref name="unixTime"/>; null when the payload does not decode.</summary>
    public static FrameBuffer? Render(ContentDevice device, StoredContent stored, uint unixTime)
    {
        if (stored.Kind == ContentKind.Label)
        {
            if (!LabelContentCodec.TryDecode(stored.Payload, 0, stored.Payload.Length, out var label).Ok) return null;
            return ContentPicture.RenderLabel(device.Panel, label, out _);
        }
        if (!TentContentCodec.TryDecode(stored.Payload, 0, stored.Payload.Length, out var tent).Ok) return null;
        return ContentPicture.RenderTent(device.Panel, device.Id, device.CodeKey, tent, unixTime, out _);
    }
}

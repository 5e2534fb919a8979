using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Content;
using Devices.Gateway.Glyphs;
using Microsoft.AspNetCore.Http;

namespace Devices.Gateway.Registry;

/// <summary>
/// PATCH /api/devices/{id}: a new name and/or SKU. A table tent shows its name, so renaming a tent that has content
/// also sets the table name in that content (a new version when it differs), checked first so a refused name
/// changes nothing.
/// </summary>
public static class DevicePatch
{
    public static IResult Apply(string id, DevicePatchRequest? body, HttpContext http, IDeviceRegistry registry,
        IContentDevices devices, ContentStore store, ContentPreparation preparation)
    {
        var record = registry.Find(id);
        if (record is null)
        {
            return Results.Problem(title: "Unknown device", detail: $"No device '{id}' is provisioned.", statusCode: StatusCodes.Status404NotFound);
        }
        if (body is null || (body.Name is null && !body.SkuGiven))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["name"] = new[] { "Send \"name\" and/or \"sku\"." } });
        }
        var errors = new Dictionary<string, string[]>();
        string? name = body.Name?.Trim();
        if (name is not null && name.Length == 0) errors["name"] = new[] { "A name cannot be empty." };
        else if (name is not null && name.Length > DeviceRegistry.MaxNameLength) errors["name"] = new[] { $"A name must be at most {DeviceRegistry.MaxNameLength} characters." };
        string? sku = string.IsNullOrWhiteSpace(body.Sku) ? null : body.Sku.Trim();
        if (sku is not null && sku.Length > DeviceRegistry.MaxSkuLength) errors["sku"] = new[] { $"A SKU must be at most {DeviceRegistry.MaxSkuLength} characters." };
        if (errors.Count > 0) return Results.ValidationProblem(errors);

        PreparedContent? tent = null;
        ContentDevice? device = null;
        if (name is not null && record.Kind == DeviceKind.TableTent && store.Get(id) is { Kind: ContentKind.Tent } stored
            && TentContentCodec.TryDecode(stored.Payload, 0, stored.Payload.Length, out var content).Ok && content.TableName != name)
        {
            device = devices.Find(id)!;
            content.TableName = name;
            var problems = new ValidationErrors();
            try { tent = preparation.PrepareTent(device, content, problems); }
            catch (GlyphSourceMissingException e) { return Results.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Glyphs unavailable"); }
            if (tent is null) return Results.ValidationProblem(new Dictionary<string, string[]> { ["name"] = new[] { "This table name cannot be shown: " + problems.Summary() } });
        }
        if (name is not null) registry.SetName(id, name);
        if (body.SkuGiven) registry.SetSku(id, sku);
        if (tent is not null) store.Set(device!, tent, null, "api:" + (http.User.Identity?.Name ?? "?") + " (rename)");
        return Results.Ok(DeviceView.From(registry.Find(id)!));
    }
}

/// <summary>Body of PATCH /api/devices/{id}: fields left out stay as they are; "sku": null or "" unbinds.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class DevicePatchRequest
{
    private string? _sku;

    /// <summary>At most 64 characters: the table's name for a tent, a shelf place for a label.</summary>
    public string? Name { get; set; }

    public string? Sku
    {
        get => _sku;
        set { _sku = value; SkuGiven = true; }
    }

    [JsonIgnore]
    public bool SkuGiven { get; private set; }
}

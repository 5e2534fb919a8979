using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Layouts;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Security;
using Devices.Gateway.Glyphs;

namespace Devices.Gateway.Content;

/// <summary>
/// Checks content against the device it is for, the way the device would see it: the right kind, within the
/// codecs' limits and the device's payload limit, and every code drawable at a scannable size on this panel
/// (the Core layouts decide, by <see cref="ScanRule"/>). Labels get the glyphs their text needs.
/// </summary>
public sealed class ContentPreparation(GlyphFiller glyphs)
{
    /// <summary>Null with <paramref name="errors"/> filled when the content cannot be sent to this device.
    /// Throws <see cref="GlyphSourceMissingException"/> when glyphs are needed and Unifont is missing.</summary>
    public PreparedContent? Prepare(ContentDevice device, LabelDocument? label, TentDocument? tent, ValidationErrors errors)
    {
        bool isLabel = device.Kind == DeviceKind.ShelfLabel;
        if (isLabel && (label is null || tent is not null))
        {
            errors.Add("label", "Device '" + device.Id + "' is a shelf label: send a \"label\" object (and no \"tent\").");
            return null;
        }
        if (!isLabel && (tent is null || label is not null))
        {
            errors.Add("tent", "Device '" + device.Id + "' is a table tent: send a \"tent\" object (and no \"label\").");
            return null;
        }
        return isLabel ? PrepareLabel(device, ContentMapping.ToLabel(label!, "label", errors), errors)
                       : PrepareTent(device, ContentMapping.ToTent(tent!, "tent", errors), errors);
    }

    public PreparedContent? PrepareLabel(ContentDevice device, LabelContent content, ValidationErrors errors)
    {
        if (errors.Any) return null;
        var warnings = new List<string>();
        try
        {
            var unknown = glyphs.Fill(content);
            if (unknown.Count > 0)
            {
                warnings.Add("No glyph for " + string.Join(", ", unknown.Select(c => "U+" + ((int)c).ToString("X4"))) + "; the label shows a box instead.");
            }
        }
        catch (ArgumentException e)
        {
            errors.Add("label.name", e.Message);
            return null;
        }
        byte[] payload;
        try { payload = LabelContentCodec.Encode(content); }
        catch (ArgumentException e) { errors.Add("label", e.Message); return null; }
        if (payload.Length > ContentVerifier.LabelMaxPayloadBytes)
        {
            errors.Add("label", "The label content is " + payload.Length + " bytes; a label takes at most " + ContentVerifier.LabelMaxPayloadBytes + ".");
            return null;
        }
        var frame = ContentPicture.RenderLabel(device.Panel, content, out var result);
        if (content.CodeKind != LabelCodeKind.None && !result.CodeDrawn)
        {
            errors.Add("label.codeData", CodeRefusal(device, content.CodeKind == LabelCodeKind.Qr ? "link" : "barcode", result));
            return null;
        }
        if (result.HasProblem) warnings.Add(result.Problem);
        // The wake interval changes nothing on screen but must still reach the label.
        Span<byte> extra = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(extra, content.WakeIntervalSeconds);
        return new PreparedContent(ContentKind.Label, payload, ContentPicture.Hash(frame, extra), warnings) { Label = content };
    }

    public PreparedContent? PrepareTent(ContentDevice device, TentContent content, ValidationErrors errors)
    {
        if (errors.Any) return null;
        byte[] payload;
        try { payload = TentContentCodec.Encode(content); }
        catch (ArgumentException e) { errors.Add("tent", e.Message); return null; }
        if (payload.Length > ContentVerifier.TentMaxPayloadBytes)
        {
            errors.Add("tent", "The tent content is " + payload.Length + " bytes; a tent takes at most " + ContentVerifier.TentMaxPayloadBytes + ".");
            return null;
        }
        var warnings = new List<string>();
        // Every link the tent will show, with a real token (tokens are always 12 characters, so any period will do).
        var templates = new[] { ("tent.linkTemplate", content.LinkTemplate, content.Headline) }
            .Concat(content.Playlist.Select((e, i) => ("tent.playlist[" + i + "].linkTemplate", e.LinkTemplate, e.Headline.Length > 0 ? e.Headline : content.Headline)));
        foreach (var (field, template, headline) in templates)
        {
            var one = new TentContent
            {
                TableName = content.TableName, Headline = headline, LinkTemplate = template,
                RotationSeconds = content.RotationSeconds, ShowFallbackCode = content.ShowFallbackCode && field == "tent.linkTemplate",
            };
            ContentPicture.RenderTent(device.Panel, device.Id, device.CodeKey, one, 0, out var result);
            if (!result.CodeDrawn) errors.Add(field, CodeRefusal(device, "link", result));
            else if (result.HasProblem) warnings.Add(result.Problem);
        }
        if (errors.Any) return null;
        // A tent's picture changes with every token, so what it shows is decided by its content bytes.
        return new PreparedContent(ContentKind.Tent, payload, SHA256.HashData(payload), warnings) { Tent = content };
    }

    private static string CodeRefusal(ContentDevice device, string what, LayoutResult result) =>
        "The " + what + " is too long to scan on this device's " + device.Panel.Size + "\" panel (" + device.Panel.Width + "x" +
        device.Panel.Height + " px; each code module needs at least " + ScanRule.MinModulePixels(device.Panel.PixelPitchMicrons) +
        " px): " + result.Problem + ".";
}

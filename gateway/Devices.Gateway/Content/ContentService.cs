using System;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Protocol;

namespace Devices.Gateway.Content;

/// <summary>
/// Re-prepares stored payloads (scheduled changes, bulk updates that start from the current content): decodes
/// them with the Core codecs and runs the same checks as a fresh request.
/// </summary>
public sealed class ContentService(ContentPreparation preparation)
{
    public PreparedContent? FromPayload(ContentDevice device, ContentKind kind, byte[] payload, ValidationErrors errors)
    {
        if (kind == ContentKind.Label)
        {
            var result = LabelContentCodec.TryDecode(payload, 0, payload.Length, out var label);
            if (!result.Ok) { errors.Add("label", result.Message); return null; }
            return preparation.PrepareLabel(device, label, errors);
        }
        var tentResult = TentContentCodec.TryDecode(payload, 0, payload.Length, out var tent);
        if (!tentResult.Ok) { errors.Add("tent", tentResult.Message); return null; }
        return preparation.PrepareTent(device, tent, errors);
    }

    /// <summary>The current label content of a device (an empty label when none was set).</summary>
    public static LabelContent CurrentLabel(StoredContent? stored)
    {
        if (stored is null || stored.Kind != ContentKind.Label) return new LabelContent();
        return LabelContentCodec.TryDecode(stored.Payload, 0, stored.Payload.Length, out var label).Ok ? label : new LabelContent();
    }
}

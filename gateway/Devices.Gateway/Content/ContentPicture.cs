using System;
using System.Security.Cryptography;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Layouts;
using Devices.Firmware.Core.RotatingCodes;
using Devices.Firmware.Core.Text;
using Devices.Gateway.Glyphs;

namespace Devices.Gateway.Content;

/// <summary>
/// Draws content exactly as the device does: the Core layouts on the device's panel, a label with the glyph set
/// built from its extra glyphs, a tent with the rotating link of a given moment. Layouts are not thread-safe,
/// so each render makes its own.
/// </summary>
public static class ContentPicture
{
    public static FrameBuffer RenderLabel(Panel panel, LabelContent label, out LayoutResult result)
    {
        var layout = new ShelfLabelLayout(panel);
        var glyphs = GlyphFiller.ToGlyphSet(label);
        if (glyphs is not null) layout.SetExtraGlyphs(new GlyphSet[] { glyphs });
        var frame = panel.CreateFrame();
        result = layout.Render(label, frame);
        return frame;
    }

    /// <summary>The tent's main screen at <paramref name="unixTime"/>: its link with that period's token (as the device fills it).</summary>
    public static FrameBuffer RenderTent(Panel panel, string deviceId, byte[] codeKey, TentContent tent, uint unixTime, out LayoutResult result)
    {
        var code = new RotatingCode(deviceId, codeKey, tent.RotationSeconds);
        uint counter = code.CounterAt(unixTime);
        var screen = new TentScreen
        {
            TableName = tent.TableName,
            Headline = tent.Headline,
            Link = code.Link(tent.LinkTemplate, counter),
            FallbackCode = tent.ShowFallbackCode ? code.FallbackCode(counter) : null,
        };
        return RenderTentScreen(panel, screen, out result);
    }

    public static FrameBuffer RenderTentScreen(Panel panel, TentScreen screen, out LayoutResult result)
    {
        var layout = new TableTentLayout(panel);
        var frame = panel.CreateFrame();
        result = layout.Render(screen, frame);
        return frame;
    }

    /// <summary>SHA-256 over the black plane, the red plane (if any) and <paramref name="extra"/> (non-visual settings).</summary>
    public static byte[] Hash(FrameBuffer frame, ReadOnlySpan<byte> extra)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(frame.BlackPlane);
        if (frame.RedPlane is { } red) sha.AppendData(red);
        sha.AppendData(extra);
        return sha.GetHashAndReset();
    }
}

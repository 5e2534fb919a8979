using System;
using CsCheck;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Layouts;

namespace Devices.Firmware.Core.Tests.Layouts;

/// <summary>
/// Random and absurd content on every panel. The rules checked on every render:
/// no exception; the outermost <see cref="BorderPixels"/> pixels of the frame stay white (everything we draw is
/// inset by the layout margin or is a code's own quiet zone, so ink there means something overflowed); a red pixel
/// is never also black (the two planes agree); nothing but the code is drawn inside the code's box (the box equals
/// the same render with all text removed); a requested code that was not drawn is explained in Problem; and the
/// same input renders the same pixels again.
/// </summary>
public class LayoutPropertyTests
{
    private const int BorderPixels = 2;

    private static readonly Gen<string?> AnyText = Gen.OneOf(
        Gen.Const((string?)null),
        Gen.Const((string?)""),
        Gen.Char.AlphaNumeric.Array[1, 40].Select(a => (string?)new string(a)),
        Gen.Char.Array[0, 300].Select(a => (string?)new string(a)),               // any UTF-16, lone surrogates too
        Gen.Char["W€ÄЖ中 \n\t"].Array[0, 500].Select(a => (string?)new string(a)), // wide, missing glyphs, breaks
        Gen.Int[0, 2000].Select(n => (string?)new string('M', n)));

    private static readonly Gen<string?> CodeData = Gen.OneOf(
        AnyText,
        Gen.Char["0123456789"].Array[11, 14].Select(a => (string?)new string(a)), // EAN-like, valid or not
        Gen.Const((string?)"4006381333931"),
        Gen.Int[1, 3000].Select(n => (string?)("https://example.com/" + new string('a', n))));

    private static readonly Gen<Panel> AnyPanel = Gen.OneOf<Panel>(
        Panel.Epd213, Panel.Epd29, Panel.Epd42, Panel.Find("2.13", true), Panel.Find("2.9", true), Panel.Find("4.2", true));

    private static readonly Gen<LabelContent> AnyLabel = Gen.Select(
        AnyText, Gen.OneOf(Gen.Long, Gen.Long[-1, 100_000], Gen.Const(long.MaxValue), Gen.Const(99999999999L)),
        Gen.OneOf(Gen.Int, Gen.Int[-3, 20]), AnyText, Gen.Bool, Gen.Char, AnyText, AnyText,
        Gen.Select(Gen.Byte[0, 4], CodeData, (kind, data) => (kind, data)),
        (name, price, decimals, currency, after, mark, unit, promo, code) => new LabelContent
        {
            Name = name!, PriceMinor = price, PriceDecimals = decimals, Currency = currency!, CurrencyAfter = after,
            DecimalMark = mark, UnitPrice = unit!, Promo = promo!, CodeKind = (LabelCodeKind)code.kind, CodeData = code.data!,
        });

    private static readonly Gen<TentScreen> AnyTent = Gen.Select(
        CodeData, AnyText, AnyText, AnyText, AnyText, Gen.Bool, Gen.Frequency((5, false), (1, true)),
        (link, table, fallback, headline, overlay, offline, syncing) => new TentScreen
        {
            Link = link, TableName = table, FallbackCode = fallback, Headline = headline, Overlay = overlay,
            Offline = offline, Syncing = syncing,
        });

    [Fact]
    public void Any_label_renders_inside_its_frame()
    {
        Gen.Select(AnyPanel, AnyLabel).Sample((panel, content) =>
        {
            var layout = new ShelfLabelLayout(panel);
            var frame = panel.CreateFrame();
            var result = layout.Render(content, frame);
            CheckFrame(frame);
            if (content.CodeKind is LabelCodeKind.Qr or LabelCodeKind.Ean13 && !result.CodeDrawn)
                Assert.False(string.IsNullOrEmpty(result.Problem));
            if (content.CodeKind is not (LabelCodeKind.Qr or LabelCodeKind.Ean13))
                Assert.False(result.CodeDrawn);
            if (result.CodeDrawn)
            {
                Assert.True(result.ModulePixels >= ScanRule.MinModulePixels(panel.PixelPitchMicrons));
                var codeOnly = panel.CreateFrame();
                new ShelfLabelLayout(panel).Render(new LabelContent { CodeKind = content.CodeKind, CodeData = content.CodeData }, codeOnly);
                AssertSameInside(codeOnly, frame, result);
                if (content.CodeKind == LabelCodeKind.Qr) AssertQuietRing(frame, result);
                else AssertEanQuietZones(frame, result);
            }
            var again = panel.CreateFrame();
            layout.Render(content, again);
            Assert.Equal(frame.BlackPlane, again.BlackPlane);
        }, iter: 250, threads: 1);
    }

    [Fact]
    public void Any_tent_screen_renders_inside_its_frame()
    {
        Gen.Select(AnyPanel, AnyTent).Sample((panel, screen) =>
        {
            var layout = new TableTentLayout(panel);
            var frame = panel.CreateFrame();
            var result = layout.Render(screen, frame);
            CheckFrame(frame);
            if (screen.Syncing) Assert.False(result.CodeDrawn);
            else if (!result.CodeDrawn) Assert.False(string.IsNullOrEmpty(result.Problem));
            if (result.CodeDrawn)
            {
                Assert.True(result.ModulePixels >= ScanRule.MinModulePixels(panel.PixelPitchMicrons));
                Assert.True(result.QuietZoneModules >= ScanRule.MinQrQuietModules);
                var codeOnly = panel.CreateFrame();
                new TableTentLayout(panel).Render(new TentScreen { Link = screen.Link, FallbackCode = screen.FallbackCode }, codeOnly);
                AssertSameInside(codeOnly, frame, result);
                AssertQuietRing(frame, result);
            }
            var again = panel.CreateFrame();
            layout.Render(screen, again);
            Assert.Equal(frame.BlackPlane, again.BlackPlane);
        }, iter: 250, threads: 1);
    }

    [Fact]
    public void Null_content_renders_an_empty_frame()
    {
        var frame = Panel.Epd29.CreateFrame();
        Assert.False(new ShelfLabelLayout(Panel.Epd29).Render(null, frame).CodeDrawn);
        Assert.All(frame.BlackPlane, b => Assert.Equal(0xFF, b));
        Assert.False(new TableTentLayout(Panel.Epd29).Render(null, frame).CodeDrawn);
    }

    private static void CheckFrame(FrameBuffer frame)
    {
        for (int y = 0; y < frame.Height; y++)
            for (int x = 0; x < frame.Width; x++)
            {
                bool border = x < BorderPixels || y < BorderPixels || x >= frame.Width - BorderPixels || y >= frame.Height - BorderPixels;
                if (border && frame.GetPixel(x, y) != Ink.White)
                    Assert.Fail($"ink at ({x}, {y}) in the {BorderPixels}-pixel border of a {frame.Width}×{frame.Height} frame");
            }
        if (frame.RedPlane is { } red)
            for (int i = 0; i < red.Length; i++)
                if ((red[i] & ~frame.BlackPlane[i] & 0xFF) != 0)
                    Assert.Fail($"byte {i}: a pixel is red in one plane and black in the other");
    }

    /// <summary>The QR quiet zone the layout reports is really white, all round.</summary>
    private static void AssertQuietRing(FrameBuffer frame, LayoutResult box)
    {
        Assert.True(box.QuietZoneModules >= ScanRule.MinQrQuietModules, $"quiet zone of {box.QuietZoneModules} modules");
        int ring = box.QuietZoneModules * box.ModulePixels;
        for (int y = box.CodeTop; y < box.CodeTop + box.CodeHeight; y++)
            for (int x = box.CodeLeft; x < box.CodeLeft + box.CodeWidth; x++)
            {
                bool inRing = x < box.CodeLeft + ring || x >= box.CodeLeft + box.CodeWidth - ring
                    || y < box.CodeTop + ring || y >= box.CodeTop + box.CodeHeight - ring;
                if (inRing && frame.GetPixel(x, y) != Ink.White) Assert.Fail($"ink at ({x}, {y}) in the QR quiet zone");
            }
    }

    /// <summary>EAN-13 keeps 11 light modules left and 7 right of the bars (the leading digit sits below, in the
    /// left zone, as printed on packs, so only the bar height is checked).</summary>
    private static void AssertEanQuietZones(FrameBuffer frame, LayoutResult box)
    {
        int s = box.ModulePixels;
        Assert.Equal((11 + 95 + 7) * s, box.CodeWidth);
        for (int y = box.CodeTop; y < box.CodeTop + box.CodeHeight / 2; y++)
            for (int x = box.CodeLeft; x < box.CodeLeft + box.CodeWidth; x++)
                if ((x < box.CodeLeft + 11 * s || x >= box.CodeLeft + (11 + 95) * s) && frame.GetPixel(x, y) != Ink.White)
                    Assert.Fail($"ink at ({x}, {y}) in the EAN-13 quiet zone");
    }

    private static void AssertSameInside(FrameBuffer expected, FrameBuffer actual, LayoutResult box)
    {
        for (int y = box.CodeTop; y < box.CodeTop + box.CodeHeight; y++)
            for (int x = box.CodeLeft; x < box.CodeLeft + box.CodeWidth; x++)
                if (expected.GetPixel(x, y) != actual.GetPixel(x, y))
                    Assert.Fail($"something else was drawn inside the code's box at ({x}, {y})");
    }
}

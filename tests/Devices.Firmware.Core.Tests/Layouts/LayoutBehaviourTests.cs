using System;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Layouts;
using Xunit.Abstractions;

namespace Devices.Firmware.Core.Tests.Layouts;

public class LayoutBehaviourTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(194, 2)] // 2.13"
    [InlineData(227, 2)] // 2.9"
    [InlineData(212, 2)] // 4.2"
    [InlineData(150, 3)] // a finer panel would need 3 px for 0.38 mm
    [InlineData(400, 2)] // a coarse one still needs 2 px for the module's shape
    public void Minimum_module_is_two_pixels_and_0_38_mm(int pitchMicrons, int expected)
    {
        Assert.Equal(expected, ScanRule.MinModulePixels(pitchMicrons));
    }

    [Fact]
    public void A_code_too_dense_for_the_label_is_reported_and_the_rest_still_renders()
    {
        string link = "https://m.example.com/p/" + new string('x', 400);
        var frame = Panel.Epd213.CreateFrame();
        var result = new ShelfLabelLayout(Panel.Epd213).Render(new LabelContent
        {
            Name = "Dense", PriceMinor = 199, Currency = "€", CodeKind = LabelCodeKind.Qr, CodeData = link,
        }, frame);
        Assert.False(result.CodeDrawn);
        Assert.StartsWith("QR code not drawn: version ", result.Problem);
        Assert.Contains("2 px/module", result.Problem);
        Assert.True(CountInk(frame, 0, 0, 120, 122) > 200, "name and price are drawn");
        Assert.Equal(0, CountInk(frame, 170, 0, 80, 122)); // the code's place stays empty: no unreadable code
    }

    [Fact]
    public void A_dense_link_falls_back_to_level_L_to_stay_at_two_pixels()
    {
        // 150 bytes: version 8 at level M would need 1 px modules in the 2.13" code column; 7-L fits at 2 px.
        string link = "https://m.example.com/p/" + new string('x', 121) + "?s=17";
        var frame = Panel.Epd213.CreateFrame();
        var result = new ShelfLabelLayout(Panel.Epd213).Render(new LabelContent { CodeKind = LabelCodeKind.Qr, CodeData = link }, frame);
        Assert.True(result.CodeDrawn, result.Problem);
        Assert.Equal(2, result.ModulePixels);
        LayoutDecodeTests.AssertDecodes(frame, link, "QRCode", "dense link on 2.13");
    }

    [Theory]
    [InlineData("400638133393", true)]   // 12 digits: check digit computed
    [InlineData("4006381333931", true)]
    [InlineData("4006381333932", false)] // wrong check digit
    [InlineData("40063813339", false)]
    [InlineData("ABC", false)]
    public void Ean13_is_drawn_only_for_valid_digits(string digits, bool drawn)
    {
        var frame = Panel.Epd29.CreateFrame();
        var result = new ShelfLabelLayout(Panel.Epd29).Render(new LabelContent { Name = "x", CodeKind = LabelCodeKind.Ean13, CodeData = digits }, frame);
        Assert.Equal(drawn, result.CodeDrawn);
        Assert.Equal(!drawn, result.Problem.StartsWith("EAN-13 not drawn", StringComparison.Ordinal));
        if (drawn) LayoutDecodeTests.AssertDecodes(frame, "4006381333931", "EAN-13", "EAN " + digits);
    }

    [Fact]
    public void Syncing_tent_draws_no_code_and_a_message()
    {
        var frame = Panel.Epd29.CreateFrame();
        var result = new TableTentLayout(Panel.Epd29).Render(new TentScreen { Link = LayoutSamples.TentLink, Syncing = true }, frame);
        Assert.False(result.CodeDrawn);
        Assert.Equal("", result.Problem);
        Assert.True(CountInk(frame, 0, 0, frame.Width, frame.Height) > 300);
    }

    [Fact]
    public void A_tent_without_a_link_says_so()
    {
        var frame = Panel.Epd29.CreateFrame();
        var result = new TableTentLayout(Panel.Epd29).Render(new TentScreen { TableName = "T1" }, frame);
        Assert.False(result.CodeDrawn);
        Assert.Contains("no link", result.Problem);
    }

    [Fact]
    public void The_tent_code_is_as_large_as_the_panel_allows()
    {
        foreach (var panel in new[] { Panel.Epd29, Panel.Epd42 })
        {
            var frame = panel.CreateFrame();
            var result = new TableTentLayout(panel).Render(new TentScreen { Link = LayoutSamples.TentLink, FallbackCode = "K7Q-4MP" }, frame);
            int size = (result.CodeWidth / result.ModulePixels) - 2 * result.QuietZoneModules;
            // One more pixel per module would not fit with a 2-module quiet zone, even above the smallest (6×12)
            // fallback line, nor in the 3/5 of the width the code may take.
            int room = Math.Min(frame.Height - 14, frame.Width * 3 / 5);
            Assert.True((size + 2 * ScanRule.MinQrQuietModules) * (result.ModulePixels + 1) > room,
                $"{panel.Size}: {result.ModulePixels} px/module, {size} modules, box {result.CodeWidth}");
            output.WriteLine($"{panel.Size}\": {size}×{size} modules at {result.ModulePixels} px, quiet zone {result.QuietZoneModules} modules, box {result.CodeWidth} px");
        }
    }

    [Fact]
    public void Rendering_again_allocates_nothing()
    {
        foreach (var size in LayoutSamples.PanelSizes)
        {
            var panel = Panel.Find(size, false);
            var frame = panel.CreateFrame();
            var labels = new ShelfLabelLayout(panel);
            var tents = new TableTentLayout(panel);
            foreach (var (name, content) in LayoutSamples.Labels())
            {
                labels.Render(content, frame); // warm-up: encodes, formats the price, sizes the line buffers
                var watch = System.Diagnostics.Stopwatch.StartNew();
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 20; i++) labels.Render(content, frame);
                long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
                output.WriteLine($"label {name} on {size}: {bytes} bytes in 20 renders, {watch.Elapsed.TotalMicroseconds / 20:F0} µs each (desktop)");
                Assert.Equal(0, bytes);
            }
            foreach (var (name, screen) in LayoutSamples.Tents())
            {
                tents.Render(screen, frame);
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 20; i++) tents.Render(screen, frame);
                long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
                output.WriteLine($"tent {name} on {size}: {bytes} bytes in 20 renders");
                Assert.Equal(0, bytes);
            }
        }
    }

    [Fact]
    public void Extra_glyphs_reach_the_label_text()
    {
        // One 16×16 glyph for U+4E2D, a filled square: without it the name shows the renderer's hollow box.
        var bitmap = new byte[32];
        for (int i = 0; i < bitmap.Length; i++) bitmap[i] = 0xFF;
        var glyphs = new Devices.Firmware.Core.Text.GlyphSet([0x4E, 0x2D], bitmap, 16, 16);
        var content = new LabelContent { Name = "\u4E2D", PriceMinor = 100 };
        var layout = new ShelfLabelLayout(Panel.Epd29);
        var without = Panel.Epd29.CreateFrame();
        layout.Render(content, without);
        layout.SetExtraGlyphs([glyphs]);
        var with = Panel.Epd29.CreateFrame();
        layout.Render(content, with);
        Assert.Equal(16 * 16, CountInk(with, 0, 0, 40, 22));
        Assert.True(CountInk(without, 0, 0, 40, 22) < 16 * 16 / 2);
    }

    private static int CountInk(FrameBuffer frame, int x0, int y0, int w, int h)
    {
        int n = 0;
        for (int y = y0; y < Math.Min(frame.Height, y0 + h); y++)
            for (int x = x0; x < Math.Min(frame.Width, x0 + w); x++)
                if (frame.GetPixel(x, y) != Ink.White) n++;
        return n;
    }
}

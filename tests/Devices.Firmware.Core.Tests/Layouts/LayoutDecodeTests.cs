using System.Text;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Layouts;
using Devices.Firmware.Core.Tests.Oracles;

namespace Devices.Firmware.Core.Tests.Layouts;

/// <summary>
/// The codes on rendered labels and tents decode with zbar and ZXing-C++, reading the whole frame exactly as the
/// panel shows it (1:1 pixels, no extra border: the quiet zone we draw inside the frame is all the decoders get).
/// </summary>
public class LayoutDecodeTests
{
    public static TheoryData<string, bool> AllPanels()
    {
        var data = new TheoryData<string, bool>();
        foreach (var size in LayoutSamples.PanelSizes) { data.Add(size, false); data.Add(size, true); }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPanels))]
    public void Label_codes_decode_with_zbar_and_zxing(string size, bool red)
    {
        var panel = Panel.Find(size, red);
        var layout = new ShelfLabelLayout(panel);
        int checkedCodes = 0;
        foreach (var (name, content) in LayoutSamples.Labels())
        {
            var frame = panel.CreateFrame();
            var result = layout.Render(content, frame);
            if (content.CodeKind == LabelCodeKind.None)
            {
                Assert.False(result.CodeDrawn);
                continue;
            }
            Assert.True(result.CodeDrawn, $"{name} on {size}: {result.Problem}");
            string expected = content.CodeData;
            string format = content.CodeKind == LabelCodeKind.Qr ? "QRCode" : "EAN-13";
            AssertDecodes(frame, expected, format, $"label {name} on {size}{(red ? " red" : "")}");
            checkedCodes++;
        }
        Assert.Equal(3, checkedCodes);
    }

    [Theory]
    [MemberData(nameof(AllPanels))]
    public void Tent_codes_decode_with_zbar_and_zxing(string size, bool red)
    {
        if (size == "2.13") return; // no tent uses the 2.13" panel
        var panel = Panel.Find(size, red);
        var layout = new TableTentLayout(panel);
        foreach (var (name, screen) in LayoutSamples.Tents())
        {
            var frame = panel.CreateFrame();
            var result = layout.Render(screen, frame);
            if (screen.Syncing)
            {
                Assert.False(result.CodeDrawn);
                Assert.Null(Decoders.ZXing(Decoders.WritePng(new FramePicture(frame))));
                continue;
            }
            Assert.True(result.CodeDrawn, $"{name} on {size}: {result.Problem}");
            Assert.True(result.QuietZoneModules >= ScanRule.MinQrQuietModules);
            AssertDecodes(frame, screen.Link!, "QRCode", $"tent {name} on {size}{(red ? " red" : "")}");
        }
    }

    [Fact]
    public void A_link_needing_version_10_still_decodes_on_the_smallest_label()
    {
        // 150 bytes: version 8-M does not fit 2 px modules into the 2.13" QR column; the layout falls back to level L.
        string link = "https://m.example.com/p/" + new string('x', 120) + "?s=17";
        var panel = Panel.Epd213;
        var frame = panel.CreateFrame();
        var result = new ShelfLabelLayout(panel).Render(new LabelContent { Name = "Dense", PriceMinor = 100, CodeKind = LabelCodeKind.Qr, CodeData = link }, frame);
        if (result.CodeDrawn) AssertDecodes(frame, link, "QRCode", "dense link on 2.13");
        else Assert.Contains("QR code not drawn", result.Problem);
    }

    internal static void AssertDecodes(FrameBuffer frame, string expected, string format, string what)
    {
        string png = Decoders.WritePng(new FramePicture(frame));
        var zbar = Decoders.ZBar(png);
        Assert.True(zbar != null, $"{what}: zbarimg found no code in {png}");
        Assert.Equal(expected, Encoding.UTF8.GetString(zbar!));
        var zxing = Decoders.ZXing(png);
        Assert.True(zxing != null, $"{what}: ZXingReader found no code in {png}");
        Assert.Equal(format, zxing!.Format);
        Assert.Equal(expected, zxing.Text);
    }
}

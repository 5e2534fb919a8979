using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Layouts;
using Devices.Firmware.Core.Text;
using Devices.Gateway.Tests.Api;
using Devices.Gateway.Tests.Content;
using Devices.Imaging;

namespace Devices.Gateway.Tests.Glyphs;

public class GlyphTests
{
    private const string UnifontPath = "/usr/share/unifont/unifont.hex";

    /// <summary>The glyph's line in unifont.hex, read here independently of the gateway's parser.</summary>
    private static string HexLine(char c)
    {
        Assert.True(File.Exists(UnifontPath), UnifontPath + " is missing: install the Debian package 'unifont' (tests/run.sh does).");
        string prefix = ((int)c).ToString("X4") + ":";
        return File.ReadLines(UnifontPath).Single(l => l.StartsWith(prefix, StringComparison.Ordinal)).Substring(5);
    }

    [Fact]
    public async Task Chinese_name_gets_unifont_glyphs_in_the_signed_content()
    {
        await using var gw = await ApiGateway.StartAsync();
        var identity = await ContentApi.ProvisionAsync(gw, "label-zh", "label");
        // 绿 U+7EFF, 茶 U+8336, each twice: one glyph each, ascending. Ω (U+03A9) is half width in Unifont.
        await ContentApi.PutOkAsync(gw, "label-zh", ContentApi.Label("绿茶 Green tea 茶绿 Ω", "3.98"));

        var label = ContentApi.DecodeLabel(gw, identity, out _);
        Assert.Equal("绿茶 Green tea 茶绿 Ω", label.Name);
        Assert.Equal(3, label.ExtraGlyphCount);
        var codes = Enumerable.Range(0, 3).Select(i => (char)((label.ExtraGlyphs[i * 34] << 8) | label.ExtraGlyphs[i * 34 + 1])).ToArray();
        Assert.Equal(new[] { 'Ω', '绿', '茶' }, codes);
        for (int i = 0; i < 3; i++)
        {
            string hex = HexLine(codes[i]);
            var bitmap = label.ExtraGlyphs.AsSpan(i * 34 + 2, 32).ToArray();
            if (hex.Length == 64)
            {
                Assert.Equal(Convert.FromHexString(hex), bitmap);
            }
            else
            {
                // 8x16: one byte per row, placed in the left half of the 16-pixel row.
                Assert.Equal(32, hex.Length);
                var rows = Convert.FromHexString(hex);
                for (int row = 0; row < 16; row++)
                {
                    Assert.Equal(rows[row], bitmap[row * 2]);
                    Assert.Equal(0, bitmap[row * 2 + 1]);
                }
            }
        }

        // The preview draws them: equal to the Core layout with the glyph set the label builds, and differs without it.
        var png = await gw.Client.GetByteArrayAsync("/api/devices/label-zh/preview.png");
        var panel = Panel.Find("2.9", false);
        var withGlyphs = panel.CreateFrame();
        var layout = new ShelfLabelLayout(panel);
        var glyphCodes = new byte[6];
        var bitmaps = new byte[96];
        for (int i = 0; i < 3; i++)
        {
            glyphCodes[i * 2] = label.ExtraGlyphs[i * 34];
            glyphCodes[i * 2 + 1] = label.ExtraGlyphs[i * 34 + 1];
            Array.Copy(label.ExtraGlyphs, i * 34 + 2, bitmaps, i * 32, 32);
        }
        layout.SetExtraGlyphs(new[] { new GlyphSet(glyphCodes, bitmaps, 16, 16) });
        layout.Render(label, withGlyphs);
        Assert.Equal(PngFile.Encode(new FrameImage(withGlyphs)), png);
        var boxes = panel.CreateFrame();
        new ShelfLabelLayout(panel).Render(label, boxes);
        Assert.NotEqual(PngFile.Encode(new FrameImage(boxes)), png);
    }

    [Fact]
    public async Task Missing_unifont_is_a_clear_error_only_when_glyphs_are_needed()
    {
        await using var gw = await ApiGateway.StartAsync("--Glyphs:UnifontHexPath=/nonexistent/unifont.hex");
        await ContentApi.ProvisionAsync(gw, "label-nf", "label");
        await ContentApi.PutOkAsync(gw, "label-nf", ContentApi.Label("Green tea", "3.98"));
        using var response = await ContentApi.PutAsync(gw, "label-nf", ContentApi.Label("绿茶", "3.98"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var detail = (await ContentApi.ReadJsonAsync(response))["detail"]!.GetValue<string>();
        Assert.Contains("/nonexistent/unifont.hex", detail);
        Assert.Contains("unifont", detail);
    }
}

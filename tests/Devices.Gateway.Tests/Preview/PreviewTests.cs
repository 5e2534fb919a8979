using System.IO;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Layouts;
using Devices.Firmware.Core.RotatingCodes;
using Devices.Firmware.Core.Tests.Oracles;
using Devices.Gateway.Tests.Api;
using Devices.Gateway.Tests.Content;
using Devices.Imaging;

namespace Devices.Gateway.Tests.Preview;

public class PreviewTests
{
    [Fact]
    public async Task Label_preview_is_the_core_render_byte_for_byte_and_scans()
    {
        await using var gw = await ApiGateway.StartAsync();
        await ContentApi.ProvisionAsync(gw, "label-p", "label", panel: "2.9");
        const string link = "https://shop.example.com/p/17";
        await ContentApi.PutOkAsync(gw, "label-p", ContentApi.Label("Green tea", "3.98", link));

        using var response = await gw.Client.GetAsync("/api/devices/label-p/preview.png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();

        // The same content drawn here with the Core layout directly, as the label's firmware does.
        var content = new LabelContent
        {
            Name = "Green tea", PriceMinor = 398, PriceDecimals = 2, Currency = "€", CurrencyAfter = true, DecimalMark = ',',
            CodeKind = LabelCodeKind.Qr, CodeData = link,
        };
        var panel = Panel.Find("2.9", false);
        var frame = panel.CreateFrame();
        var result = new ShelfLabelLayout(panel).Render(content, frame);
        Assert.True(result.CodeDrawn);
        Assert.Equal(PngFile.Encode(new FrameImage(frame)), png);

        // And the independent decoder reads the link from the gateway's PNG.
        var path = Path.Combine(gw.DataFolder, "preview.png");
        File.WriteAllBytes(path, png);
        Assert.Equal(link, Encoding.UTF8.GetString(Decoders.ZBar(path) ?? System.Array.Empty<byte>()));
    }

    [Fact]
    public async Task Tent_preview_shows_the_rotating_link_of_the_moment()
    {
        await using var gw = await ApiGateway.StartAsync();
        var identity = await ContentApi.ProvisionAsync(gw, "tent-p", "tent", panel: "4.2");
        const string template = "https://m.example.com/t?d={device}&c={token}";
        var body = new JsonObject
        {
            ["tent"] = new JsonObject { ["tableName"] = "Table 12", ["headline"] = "Scan to order", ["linkTemplate"] = template, ["rotationSeconds"] = 60, ["showFallbackCode"] = true },
        };
        await ContentApi.PutOkAsync(gw, "tent-p", body);
        const uint at = 1_800_000_000;
        var png = await gw.Client.GetByteArrayAsync("/api/devices/tent-p/preview.png?at=" + at);

        // Expected: the code key derived from the provisioning secret, the Core's rotating code and tent layout.
        var code = new RotatingCode("tent-p", identity.CodeKey, 60);
        string expectedLink = code.Link(template, code.CounterAt(at));
        var screen = new TentScreen { TableName = "Table 12", Headline = "Scan to order", Link = expectedLink, FallbackCode = code.FallbackCode(code.CounterAt(at)) };
        var panel = Panel.Find("4.2", false);
        var frame = panel.CreateFrame();
        new TableTentLayout(panel).Render(screen, frame);
        Assert.Equal(PngFile.Encode(new FrameImage(frame)), png);

        var path = Path.Combine(gw.DataFolder, "tent.png");
        File.WriteAllBytes(path, png);
        Assert.Equal(expectedLink, Decoders.ZXing(path)?.Text);
    }

    [Fact]
    public async Task Preview_of_unknown_device_or_without_content_is_404()
    {
        await using var gw = await ApiGateway.StartAsync();
        await ContentApi.ProvisionAsync(gw, "label-e", "label");
        using var none = await gw.Client.GetAsync("/api/devices/label-e/preview.png");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal("No content", (await ContentApi.ReadJsonAsync(none))["title"]!.GetValue<string>());
        using var unknown = await gw.Client.GetAsync("/api/devices/nobody/preview.png");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}

using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Layouts;

namespace Devices.Firmware.Core.Tests.Layouts;

/// <summary>Every sample label and tent on every panel matches its reviewed golden PNG (see <see cref="GoldenImage"/>).</summary>
public class GoldenImageTests
{
    public static TheoryData<string, bool> Panels()
    {
        var data = new TheoryData<string, bool>();
        foreach (var size in LayoutSamples.PanelSizes) { data.Add(size, false); data.Add(size, true); }
        return data;
    }

    [Theory]
    [MemberData(nameof(Panels))]
    public void Labels_match_golden_images(string size, bool red)
    {
        var panel = Panel.Find(size, red);
        var layout = new ShelfLabelLayout(panel);
        foreach (var (name, content) in LayoutSamples.Labels())
        {
            if (red && name != "ean-promo") continue; // red changes only the badge
            var frame = panel.CreateFrame();
            layout.Render(content, frame);
            GoldenImage.Check($"label-{size}-{name}{(red ? "-red" : "")}", new FramePicture(frame));
        }
    }

    [Theory]
    [MemberData(nameof(Panels))]
    public void Tents_match_golden_images(string size, bool red)
    {
        if (size == "2.13") return; // tents ship with 2.9" and 4.2" panels
        var panel = Panel.Find(size, red);
        var layout = new TableTentLayout(panel);
        foreach (var (name, screen) in LayoutSamples.Tents())
        {
            if (red && name != "paid" && name != "offline") continue;
            var frame = panel.CreateFrame();
            layout.Render(screen, frame);
            GoldenImage.Check($"tent-{size}-{name}{(red ? "-red" : "")}", new FramePicture(frame));
        }
    }

    [Theory]
    [InlineData("2.9")]
    [InlineData("4.2")]
    public void Tent_without_a_usable_link_matches_golden_image(string size)
    {
        var panel = Panel.Find(size, false);
        var frame = panel.CreateFrame();
        var result = new TableTentLayout(panel).Render(new TentScreen
        {
            Link = "https://order.example.com/t/" + new string('x', 3000), TableName = "Table 7", FallbackCode = "K7Q-4MP",
            Headline = "Ask our staff to order",
        }, frame);
        Assert.False(result.CodeDrawn);
        GoldenImage.Check($"tent-{size}-no-code", new FramePicture(frame));
    }
}

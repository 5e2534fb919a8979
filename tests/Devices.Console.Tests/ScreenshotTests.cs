using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Devices.Console.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Devices.Console.Tests;

/// <summary>
/// Every main page at phone (390 x 844) and desktop (1366 x 900) size: it must fit the phone's width (no sideways
/// scrolling) and is photographed. The pictures go to a temp folder, or to CONSOLE_SCREENSHOTS when set; the ones
/// in docs/console/ are made with
///   CONSOLE_SCREENSHOTS=$PWD/docs/console dotnet test tests/Devices.Console.Tests --filter Screenshots
/// </summary>
[Collection(ConsoleCollection.Name)]
public class ScreenshotTests(ConsoleFixture fixture)
{
    private static readonly (string Name, string Hash, Func<IPage, Task> Ready)[] Pages =
    [
        ("fleet", "#/fleet", p => Expect(p.GetByTestId("device-demo-label-04")).ToBeVisibleAsync()),
        ("tables", "#/tables", p => Expect(p.GetByTestId("device-demo-tent-1")).ToBeVisibleAsync()),
        ("labels", "#/labels", p => Expect(p.GetByTestId("label-demo-label-01")).ToBeVisibleAsync()),
        ("label-editor", "#/labels/demo-label-01", p => Expect(p.GetByLabel("Price", new() { Exact = true })).Not.ToHaveValueAsync("")),
        ("scans", "#/scans", p => Expect(p.Locator("[data-testid^='scan-']").Filter(new() { HasText = "demo-tent-" }).First).ToBeVisibleAsync()),
    ];

    [Fact]
    public async Task Screenshots_of_the_main_pages_at_phone_and_desktop_size()
    {
        string folder = Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS") is { Length: > 0 } target
            ? target : Path.Combine(Path.GetTempPath(), "console-screenshots-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        // A few scans so the feed and the chart have something to show.
        foreach (var (tent, n) in fixture.Gateway.Simulation.Tents.Select((t, i) => (t, i)))
            tent.Scanner.Scan($"https://order.example.com/t?d={tent.Id}&c=guest-{n + 1:D4}");

        foreach (var (size, viewport) in new[] { ("phone", ConsoleFixture.Phone), ("desktop", ConsoleFixture.Desktop) })
        {
            var page = await StaffSession.OpenAsync(fixture, "#/fleet", viewport);
            foreach (var (name, hash, ready) in Pages)
            {
                await page.GotoAsync("/console/" + hash);
                await ready(page);
                await ImagesInViewLoadedAsync(page);
                int width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                Assert.True(width <= viewport.Width, $"{name} at {size} size is {width} px wide: wider than the {viewport.Width} px screen");
                string path = Path.Combine(folder, $"{name}-{size}.png");
                await page.ScreenshotAsync(new() { Path = path, Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });
                Assert.True(new FileInfo(path).Length > 5_000, $"{path} looks empty");
            }
            await page.Context.CloseAsync();
        }
        if (Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS") is not { Length: > 0 }) Directory.Delete(folder, recursive: true);
    }

    /// <summary>Waits for the images on screen (previews are loaded lazily) so no picture is half drawn.</summary>
    private static Task ImagesInViewLoadedAsync(IPage page) => page.WaitForFunctionAsync(
        "() => [...document.images].filter(i => { const r = i.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight && r.width > 0; })" +
        ".every(i => i.complete && i.naturalWidth > 0)");
}

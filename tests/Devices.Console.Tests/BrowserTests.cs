using System;
using System.Threading.Tasks;
using Devices.Console.Tests.Fixtures;

namespace Devices.Console.Tests;

/// <summary>The test rig itself: Debian's Chromium under Playwright, offline, against the in-process gateway.</summary>
[Collection(ConsoleCollection.Name)]
public class BrowserTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Debian_chromium_runs_headless_and_loads_a_gateway_page()
    {
        var page = await fixture.NewPageAsync();
        var response = await page.GotoAsync("/health");
        Assert.NotNull(response);
        Assert.Equal(200, response!.Status);
        Assert.Contains("Chrom", await page.EvaluateAsync<string>("navigator.userAgent"));
        Assert.Matches(@"^\d+\.", fixture.Browser.Version);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_missing_chromium_fails_with_a_clear_message()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Chromium.LaunchAsync("/nonexistent/chromium"));
        Assert.Contains("Chromium was not found at /nonexistent/chromium", e.Message);
        Assert.Contains("apt-get install chromium", e.Message);
    }
}

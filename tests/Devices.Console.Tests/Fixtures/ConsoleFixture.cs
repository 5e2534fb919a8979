using System.Threading.Tasks;
using Microsoft.Playwright;

namespace Devices.Console.Tests.Fixtures;

/// <summary>
/// One gateway with its simulated fleet and one Chromium, shared by every test in the "console" collection (they run
/// one after another; each test opens its own browser context, so cookies never leak between tests).
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public ConsoleGateway Gateway { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    public static readonly ViewportSize Desktop = new() { Width = 1366, Height = 900 };

    public async Task InitializeAsync()
    {
        // Bounded waits everywhere: 15 s for any expectation (a label wakes every second; CI is a busy 2-core box).
        Assertions.SetDefaultExpectTimeout(15_000);
        // Browser first: a missing Chromium should fail in a second, not after the fleet has started.
        (Playwright, Browser) = await Chromium.LaunchAsync();
        Gateway = await ConsoleGateway.StartAsync();
    }

    /// <summary>
    /// A fresh browser context (no cookies) and page at the given size (desktop by default), on the shared gateway or
    /// on <paramref name="gateway"/> (a test that needs its own settings).
    /// </summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null, string locale = "en-US", ConsoleGateway? gateway = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (gateway ?? Gateway).BaseUrl,
            ViewportSize = viewport ?? Desktop,
            Locale = locale,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser != null) await Browser.CloseAsync();
        Playwright?.Dispose();
        if (Gateway != null) await Gateway.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}

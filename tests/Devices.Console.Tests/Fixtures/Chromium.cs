using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;

namespace Devices.Console.Tests.Fixtures;

/// <summary>
/// Debian's Chromium driven by Playwright's bundled driver. The browser's path is always given, so Playwright never
/// looks for (or downloads) a browser build of its own; a missing browser fails the tests with one clear message.
/// </summary>
public static class Chromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>CONSOLE_TESTS_CHROMIUM overrides the path (e.g. another distribution's chromium).</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CONSOLE_TESTS_CHROMIUM") is { Length: > 0 } path ? path : DefaultPath;

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync(string? executablePath = null)
    {
        string path = executablePath ?? ExecutablePath;
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"Chromium was not found at {path}. The console tests drive Debian's Chromium and never download a browser: " +
                "install it with `apt-get install chromium` (tests/run.sh does), or set CONSOLE_TESTS_CHROMIUM to its path.");
        // Belt and braces: nothing in this process may fetch a browser build.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = path,
                Headless = true,
                // Small shared CI machine: no GPU, small /dev/shm in containers.
                Args = ["--disable-gpu", "--disable-dev-shm-usage"],
            });
            return (playwright, browser);
        }
        catch (PlaywrightException e)
        {
            playwright.Dispose();
            throw new InvalidOperationException($"Chromium at {path} did not start under Playwright: {e.Message}", e);
        }
    }
}

using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Devices.Console.Tests.Fixtures;

/// <summary>Signing in as the configured staff account.</summary>
public static class StaffSession
{
    /// <summary>
    /// A page of a fresh context, signed in through the same endpoint the sign-in form calls (the form itself is
    /// tested in SignInTests), opened at <paramref name="hash"/> (e.g. "#/tables").
    /// </summary>
    public static async Task<IPage> OpenAsync(ConsoleFixture fixture, string hash, ViewportSize? viewport = null, ConsoleGateway? gateway = null)
    {
        var page = await fixture.NewPageAsync(viewport, gateway: gateway);
        var response = await page.Context.APIRequest.PostAsync("/console/signin", new APIRequestContextOptions
        {
            DataObject = new { name = ConsoleGateway.StaffName, password = ConsoleGateway.StaffPassword },
            Headers = new Dictionary<string, string> { ["X-Console"] = "1" },
        });
        Assert.True(response.Ok, $"Signing in failed: {response.Status} {await response.TextAsync()}");
        await page.GotoAsync("/console/" + hash);
        // (At phone width the shell's user line is folded into the menu: attached, not necessarily visible.)
        await Expect(page.GetByText("Signed in as " + ConsoleGateway.StaffName)).ToBeAttachedAsync();
        return page;
    }
}

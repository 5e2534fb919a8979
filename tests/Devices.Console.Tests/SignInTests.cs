using System.Collections.Generic;
using System.Threading.Tasks;
using Devices.Console.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Devices.Console.Tests;

[Collection(ConsoleCollection.Name)]
public class SignInTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Without_signing_in_pages_events_and_the_api_are_refused()
    {
        var page = await fixture.NewPageAsync();
        // A console page opened in the browser leads to the sign-in form, not to the console.
        await page.GotoAsync("/console/#/tables");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/signin\\.html"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Signed in as")).ToHaveCountAsync(0);

        // Everything else answers 401 to the same browser (its cookies, no key).
        var request = page.Context.APIRequest;
        foreach (var path in new[] { "/api/devices", "/api/devices/demo-label-01/content", "/console/events", "/console/api/session", "/console/app.js", "/console/pages/labels.js" })
        {
            var response = await request.GetAsync(path, new() { MaxRedirects = 0, Headers = new Dictionary<string, string> { ["Accept"] = "application/json" } });
            Assert.True(response.Status == 401, $"GET {path} without signing in answered {response.Status}, not 401");
        }
        var put = await request.PostAsync("/api/labels/prices", new()
        {
            DataObject = new { items = new[] { new { sku = "SKU-1001", price = "0.01" } } },
            Headers = new Dictionary<string, string> { ["X-Console"] = "1" },
        });
        Assert.Equal(401, put.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_the_right_one_opens_the_console()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/console/");
        await page.GetByLabel("Name").FillAsync(ConsoleGateway.StaffName);
        await page.GetByLabel("Password").FillAsync("tea-and-noodles-43");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The name or the password is wrong.");
        Assert.Equal(401, (await page.Context.APIRequest.GetAsync("/api/devices")).Status);

        // The name stays typed; only the password is asked again.
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync(ConsoleGateway.StaffName);
        await page.GetByLabel("Password").FillAsync(ConsoleGateway.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Signed in as " + ConsoleGateway.StaffName)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Fleet" })).ToBeVisibleAsync();
        Assert.Equal(200, (await page.Context.APIRequest.GetAsync("/api/devices")).Status);

        // The cookie alone does not make a change: the CSRF guard wants the console's header.
        var withoutHeader = await page.Context.APIRequest.PostAsync("/api/labels/prices", new()
        {
            DataObject = new { items = new[] { new { sku = "SKU-1001", price = "0.01" } } },
        });
        Assert.NotEqual(200, withoutHeader.Status);

        // Signing out ends it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Equal(401, (await page.Context.APIRequest.GetAsync("/api/devices")).Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_api_key_signs_in_too()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/console/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with an API key instead" }).ClickAsync();
        await page.GetByLabel("API key").FillAsync("not-a-key-of-this-gateway");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This API key is not valid.");
        await page.GetByLabel("API key").FillAsync(ConsoleGateway.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Signed in as console-e2e")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}

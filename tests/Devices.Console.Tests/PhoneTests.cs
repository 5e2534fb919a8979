using System.Threading.Tasks;
using Devices.Console.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Devices.Console.Tests;

[Collection(ConsoleCollection.Name)]
public class PhoneTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task On_a_phone_the_navigation_folds_into_a_menu()
    {
        var page = await StaffSession.OpenAsync(fixture, "#/fleet", ConsoleFixture.Phone);
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        var labels = page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Labels" });
        await Expect(menu).ToBeVisibleAsync();
        await Expect(labels).ToBeHiddenAsync();

        await menu.ClickAsync();
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await labels.ClickAsync();
        await Expect(page.GetByLabel("Search by SKU or name")).ToBeVisibleAsync();
        await Expect(labels).ToBeHiddenAsync(); // opening a page closes the menu
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_desktop_the_navigation_is_always_shown()
    {
        var page = await StaffSession.OpenAsync(fixture, "#/fleet", ConsoleFixture.Desktop);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Menu" })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Scans" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}

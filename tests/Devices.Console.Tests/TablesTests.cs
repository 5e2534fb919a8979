using System;
using System.Linq;
using System.Threading.Tasks;
using Devices.Console.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Devices.Console.Tests;

[Collection(ConsoleCollection.Name)]
public class TablesTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Renaming_a_table_shows_on_the_fleet_page_and_on_the_simulated_tent()
    {
        var gw = fixture.Gateway;
        const string id = "demo-tent-2";
        string newName = "Terrace " + Random.Shared.Next(10, 99);
        var before = Frames.LastTentFrame(gw, id);
        var expectedContent = Frames.StoredTent(gw, id);
        expectedContent.TableName = newName;
        // Guard: the new name must change the picture, or the frame check below would prove nothing.
        Assert.DoesNotContain(Frames.RenderTent(gw, id, expectedContent), f => Frames.SamePixels(before, f));

        var page = await StaffSession.OpenAsync(fixture, "#/tables");
        var row = page.GetByTestId("device-" + id);
        await row.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        var editor = page.Locator("#table-editor");
        await editor.GetByLabel("Table name").FillAsync(newName);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByText($"Table {newName} saved.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("device-" + id)).ToContainTextAsync(newName);

        // The Fleet page lists it under the new name.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Fleet" }).ClickAsync();
        await Expect(page.GetByTestId("device-" + id)).ToContainTextAsync(newName);

        // The simulated tent (the real Core app) redraws: its panel now shows exactly the Core's picture of the
        // table with the new name.
        await Poll.UntilAsync(() => Frames.RenderTent(gw, id, expectedContent).Any(f => Frames.SamePixels(Frames.LastTentFrame(gw, id), f)),
            $"{id}'s panel shows the table named {newName}", 20_000);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Link_template_and_rotation_set_for_selected_tables_and_a_test_scan_verifies_the_new_code()
    {
        var gw = fixture.Gateway;
        string[] ids = ["demo-tent-1", "demo-tent-2"];
        const string template = "https://order.example.com/e2e?d={device}&c={token}";
        var page = await StaffSession.OpenAsync(fixture, "#/tables");
        foreach (var id in ids)
            await page.GetByTestId("device-" + id).GetByRole(AriaRole.Checkbox).CheckAsync();

        var bulk = page.GetByRole(AriaRole.Region, new() { Name = "Settings for several tables" });
        await bulk.GetByLabel("Apply to").SelectOptionAsync(new SelectOptionValue { Label = "Selected tables (2)" });
        await bulk.GetByLabel("Link template").FillAsync(template);
        await bulk.GetByLabel("Rotation period (seconds)").FillAsync("120");
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Apply to 2 tables" }).ClickAsync();
        await Expect(page.GetByText("2 tables changed, 0 already had these settings.")).ToBeVisibleAsync();
        foreach (var id in ids)
        {
            var tent = Frames.StoredTent(gw, id);
            Assert.Equal((template, 120u), (tent.LinkTemplate, tent.RotationSeconds));
            await Expect(page.GetByTestId("device-" + id)).ToContainTextAsync("120 s");
        }

        // The test scan makes the link tent 1 shows now and has the gateway verify it, as the ordering backend would.
        var row = page.GetByTestId("device-demo-tent-1");
        await row.GetByRole(AriaRole.Button, new() { Name = "Test scan" }).ClickAsync();
        var result = page.GetByTestId("scan-result-demo-tent-1");
        await Expect(result).ToContainTextAsync("Valid: this code opens table");
        await Expect(result).ToContainTextAsync("https://order.example.com/e2e?d=demo-tent-1&c=");
        await page.Context.CloseAsync();
    }
}

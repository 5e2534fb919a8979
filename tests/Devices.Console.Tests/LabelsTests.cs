using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Devices.Console.Tests.Fixtures;
using Devices.Imaging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Devices.Console.Tests;

[Collection(ConsoleCollection.Name)]
public class LabelsTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Changing_a_price_in_the_editor_previews_the_exact_pixels_and_the_simulated_label_shows_them()
    {
        var gw = fixture.Gateway;
        const string id = "demo-label-03";
        var before = Frames.LastLabelFrame(gw, id);
        var expectedContent = Frames.StoredLabel(gw, id);
        Assert.NotEqual(499, expectedContent.PriceMinor);
        expectedContent.PriceMinor = 499;
        var expected = Frames.RenderLabel(gw, id, expectedContent);
        // Guard: the new price changes the picture, so "the label shows the expected frame" means "it shows 4,99".
        Assert.False(Frames.SamePixels(before, expected), "the new price should change the label's picture");

        // Find the label by its SKU and open its editor.
        var page = await StaffSession.OpenAsync(fixture, "#/labels");
        await page.GetByLabel("Search by SKU or name").FillAsync("SKU-1003");
        var row = page.GetByTestId("label-" + id);
        await Expect(row).ToBeVisibleAsync();
        await Expect(page.GetByTestId("label-demo-label-01")).ToHaveCountAsync(0);
        await row.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/labels/" + id + "$"));

        // Typing the price asks the gateway for a preview of the unsaved draft: it is the Core's picture of the new content.
        var price = page.GetByLabel("Price", new() { Exact = true });
        await Expect(price).Not.ToHaveValueAsync("");
        // (The route only passes the gateway's answer through, keeping a copy of the PNG.)
        var draftPreview = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync($"**/api/devices/{id}/content/preview.png", async route =>
        {
            var answer = await route.FetchAsync();
            var body = await answer.BodyAsync();
            await route.FulfillAsync(new() { Response = answer });
            if (answer.Status == 200) draftPreview.TrySetResult(body);
        });
        await price.FillAsync("4.99");
        var png = await draftPreview.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(PngFile.Encode(new FrameImage(expected)), png);
        await Expect(page.GetByText("Preview of your changes (not saved yet)")).ToBeVisibleAsync();
        Assert.False(Frames.SamePixels(Frames.LastLabelFrame(gw, id), expected), "nothing reaches the label before Save");
        Assert.NotEqual(499, Frames.StoredLabel(gw, id).PriceMinor);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByText("will show it when it next wakes up")).ToBeVisibleAsync();

        // The simulated label (the real Core app) wakes, fetches the new content and draws exactly that picture.
        await Poll.UntilAsync(() => Frames.SamePixels(Frames.LastLabelFrame(gw, id), expected), $"{id}'s panel shows the price 4,99", 20_000);
        // The editor follows live: the status badge turns to the new version once the label has it.
        await Expect(page.GetByText($"Shows version {Frames.StoredVersion(gw, id)}")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_csv_import_shows_its_changes_in_a_dry_run_that_changes_nothing_then_applies_them()
    {
        var gw = fixture.Gateway;
        string[] ids = ["demo-label-01", "demo-label-04"];
        var versionsBefore = ids.Select(i => Frames.StoredVersion(gw, i)).ToArray();
        var pricesBefore = ids.Select(i => Frames.StoredLabel(gw, i).PriceMinor).ToArray();
        Assert.DoesNotContain(111L, pricesBefore);
        Assert.DoesNotContain(444L, pricesBefore);

        var page = await StaffSession.OpenAsync(fixture, "#/labels");
        string csv = "sku,price\nSKU-1001,1.11\nSKU-1004,4.44\nSKU-9999,9.99\n";
        await page.GetByLabel("Price file (CSV)").SetInputFilesAsync(new FilePayload { Name = "prices.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });

        // Dry run: what will change, per label, and the SKU no label has; nothing is sent.
        await Expect(page.GetByText("2 labels will change, 0 stay the same (3 lines read).")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("csv-change-demo-label-01")).ToContainTextAsync("→ Bio Äpfel Elstar · 1,11 €");
        await Expect(page.GetByTestId("csv-change-demo-label-04")).ToContainTextAsync("· 4,44 €");
        await Expect(page.GetByTestId("csv-skipped-4")).ToContainTextAsync("SKU-9999");
        Assert.Equal(versionsBefore, ids.Select(i => Frames.StoredVersion(gw, i)).ToArray());
        Assert.Equal(pricesBefore, ids.Select(i => Frames.StoredLabel(gw, i).PriceMinor).ToArray());

        // Apply: the prices are stored, and the page follows the labels until they all show them.
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply 2 changes" }).ClickAsync();
        await Expect(page.GetByTestId("import-progress")).ToContainTextAsync("All 2 labels show the new prices.", new() { Timeout = 30_000 });
        Assert.Equal([111L, 444L], ids.Select(i => Frames.StoredLabel(gw, i).PriceMinor).ToArray());
        foreach (var (i, minor) in ids.Zip(new long[] { 111, 444 }))
        {
            var content = Frames.StoredLabel(gw, i);
            content.PriceMinor = minor;
            await Poll.UntilAsync(() => Frames.SamePixels(Frames.LastLabelFrame(gw, i), Frames.RenderLabel(gw, i, content)), $"{i}'s panel shows its imported price", 20_000);
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Flash_LED_makes_the_simulated_label_blink()
    {
        const string id = "demo-label-02";
        var led = fixture.Gateway.Simulation.Labels.Single(l => l.Id == id).Led;
        var page = await StaffSession.OpenAsync(fixture, "#/labels");
        var row = page.GetByTestId("label-" + id);
        await Expect(row).ToBeVisibleAsync();
        int before = led.FlashCount;
        await row.GetByRole(AriaRole.Button, new() { Name = "Flash LED" }).ClickAsync();
        await Expect(page.GetByText(new System.Text.RegularExpressions.Regex("(is blinking now|will blink as soon as it next wakes up)"))).ToBeVisibleAsync();
        await Poll.UntilAsync(() => led.FlashCount > before, $"{id}'s LED flashes", 20_000);
        Assert.StartsWith("flash", led.Log.Last());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_save_that_meets_someone_elses_change_says_so_and_keeps_what_was_typed()
    {
        var gw = fixture.Gateway;
        const string id = "demo-label-04";
        var page = await StaffSession.OpenAsync(fixture, "#/labels/" + id);
        var price = page.GetByLabel("Price", new() { Exact = true });
        await Expect(price).Not.ToHaveValueAsync("");
        await page.GetByLabel("Product name").FillAsync("Bergkäse, 12 Monate");
        await price.FillAsync("7.77");

        // Meanwhile the shop's backend changes the same label's price.
        var answer = await gw.Api.PostAsync("/api/labels/prices",
            new System.Net.Http.StringContent("""{"items":[{"sku":"SKU-1004","price":"5.55"}]}""", Encoding.UTF8, "application/json"));
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        uint theirs = Frames.StoredVersion(gw, id);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByText($"Someone else changed this label while you were editing (it is now at version {theirs}). Your changes are still in the form.")).ToBeVisibleAsync();
        await Expect(price).ToHaveValueAsync("7.77");
        await Expect(page.GetByLabel("Product name")).ToHaveValueAsync("Bergkäse, 12 Monate");
        Assert.Equal(555, Frames.StoredLabel(gw, id).PriceMinor); // nothing of ours was written

        // Choosing to keep ours saves it over theirs.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save mine anyway" }).ClickAsync();
        await Expect(page.GetByText("will show it when it next wakes up")).ToBeVisibleAsync();
        var stored = Frames.StoredLabel(gw, id);
        Assert.Equal((777L, "Bergkäse, 12 Monate"), (stored.PriceMinor, stored.Name));
        await page.Context.CloseAsync();
    }
}

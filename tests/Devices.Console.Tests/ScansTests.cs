using System;
using System.Linq;
using System.Threading.Tasks;
using Devices.Console.Tests.Fixtures;
using Devices.Gateway.DemoBackend;
using Devices.Gateway.Tests.Relay;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Devices.Console.Tests;

[Collection(ConsoleCollection.Name)]
public class ScansTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_scan_on_a_tent_appears_in_the_live_feed_masked_and_is_delivered()
    {
        var page = await StaffSession.OpenAsync(fixture, "#/scans");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Live scans" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Live", new() { Exact = true })).ToBeVisibleAsync(); // the event stream is connected

        // A guest scans a personal code at table 1 (the simulated tent's scanner, the real Core app uploads it).
        const string data = "LOYALTY-CARD-PRIVATE-4711";
        fixture.Gateway.Simulation.Tents.Single(t => t.Id == "demo-tent-1").Scanner.Scan(data);

        var row = page.Locator("[data-testid^='scan-']").Filter(new() { HasText = "…4711" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("demo-tent-1");
        await Expect(row).ToContainTextAsync($"{data.Length} characters");
        // Masked: nothing but the last four characters is on the page.
        await Expect(page.GetByText("PRIVATE")).ToHaveCountAsync(0);
        Assert.DoesNotContain("LOYALTY", await page.ContentAsync());
        // The demo backend (the webhook receiver) takes it: the row turns to Delivered without a reload.
        await Expect(row).ToContainTextAsync("Delivered");
        // ... and the receiver really has it, in full (only the console masks it).
        Assert.Contains(fixture.Gateway.Service<DemoBackendInbox>().Events(), r => r.Event.DeviceId == "demo-tent-1" && r.Event.Data == data);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_scan_the_backend_gave_up_on_is_a_dead_letter_and_re_sending_it_delivers_it()
    {
        // Its own gateway: the relay goes to a backend that fails, and gives up after 300 ms instead of 24 h.
        await using var backend = await WebhookReceiver.StartAsync();
        backend.Failing = true;
        await using var gateway = await ConsoleGateway.StartAsync(backend.RelayGivingUpAfter(TimeSpan.FromMilliseconds(300)));
        var page = await StaffSession.OpenAsync(fixture, "#/scans", gateway: gateway);
        await Expect(page.GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();

        const string data = "COUPON-DEAD-LETTER-0042";
        gateway.Simulation.Tents.Single(t => t.Id == "demo-tent-1").Scanner.Scan(data);

        // Given up on: listed under dead letters, masked, with the backend's answer in words.
        var dead = page.Locator("[data-testid^='dead-']");
        await Expect(dead).ToHaveCountAsync(1);
        await Expect(dead).ToContainTextAsync("demo-tent-1");
        await Expect(dead).ToContainTextAsync("…0042");
        await Expect(dead).ToContainTextAsync("The backend had a problem (HTTP 500)");
        Assert.DoesNotContain("COUPON", await page.ContentAsync());

        // The backend works again (every request so far was answered 500); staff press Re-send.
        int refused = backend.Requests.Count;
        backend.Failing = false;
        await dead.GetByRole(AriaRole.Button, new() { Name = "Re-send" }).ClickAsync();
        await Expect(page.GetByText("No dead letters.")).ToBeVisibleAsync();
        await backend.WaitAsync(all => all.Skip(refused).Any(r => r.Events.Any(e => e.Data == data)), TimeSpan.FromSeconds(15),
            "the re-sent scan reached the backend");
        var row = page.Locator("[data-testid^='scan-']").Filter(new() { HasText = "…0042" });
        await Expect(row).ToContainTextAsync("Delivered");
        await page.Context.CloseAsync();
    }
}

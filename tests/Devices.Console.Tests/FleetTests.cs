using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Devices.Console.Tests.Fixtures;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Registry;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Devices.Console.Tests;

[Collection(ConsoleCollection.Name)]
public class FleetTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Every_device_is_listed_online_with_a_preview_and_the_kind_filter_works()
    {
        var page = await StaffSession.OpenAsync(fixture, "#/fleet");
        foreach (var id in ConsoleGateway.DeviceIds)
        {
            var row = page.GetByTestId("device-" + id);
            // Labels sleep between wakes, so only the always-connected tents are asserted online.
            if (id.Contains("tent")) await Expect(row).ToContainTextAsync("Online");
            await Expect(row).ToContainTextAsync("Showing version");
        }
        // The preview is the gateway's PNG of the label, at the panel's size (2.9": 296 x 128).
        var img = page.GetByTestId("device-demo-label-01").GetByRole(AriaRole.Img);
        await Expect(img).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await img.ElementHandleAsync());
        Assert.Equal(296, await img.EvaluateAsync<int>("img => img.naturalWidth"));

        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Shelf labels" });
        await Expect(page.GetByTestId("device-demo-tent-1")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("device-demo-label-04")).ToBeVisibleAsync();
        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Table tents" });
        await Expect(page.GetByTestId("device-demo-label-04")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("device-demo-tent-1")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_battery_running_low_shows_without_reloading_and_the_low_battery_filter_finds_it()
    {
        const string id = "demo-label-04";
        var battery = fixture.Gateway.Simulation.Labels.Single(l => l.Id == id).Battery;
        var page = await StaffSession.OpenAsync(fixture, "#/fleet");
        var row = page.GetByTestId("device-" + id);
        await Expect(row).ToContainTextAsync("3.00 V");
        try
        {
            battery.Millivolts = 2480; // 10 %: the label reports it on its next wake
            await Expect(row).ToContainTextAsync("10% · 2.48 V · low");
            await page.GetByLabel("Low battery").CheckAsync();
            await Expect(row).ToBeVisibleAsync();
            await Expect(page.GetByTestId("device-demo-label-01")).ToHaveCountAsync(0);
        }
        finally
        {
            battery.Millivolts = 3000;
        }
        await Expect(page.GetByTestId("device-" + id)).ToHaveCountAsync(0); // back to normal: the filter drops it live
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_new_device_waits_to_be_named_and_is_named_from_the_fleet_page()
    {
        var page = await StaffSession.OpenAsync(fixture, "#/fleet");
        await Expect(page.GetByText("Signed in as")).ToBeVisibleAsync();
        // A technician provisions a tent (as the CLI does); it has no name yet.
        var result = fixture.Gateway.Service<IDeviceRegistry>().Provision(new ProvisionRequest { Id = "tent-unboxed-1", Kind = "tent", Panel = "4.2" });
        Assert.Equal(ProvisionStatus.Created, result.Status);

        var waiting = page.GetByTestId("waiting-tent-unboxed-1");
        await Expect(waiting).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Waiting to be named (1)" })).ToBeVisibleAsync();
        await waiting.GetByLabel("Name for tent-unboxed-1").FillAsync("Table 30");
        await waiting.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(waiting).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("device-tent-unboxed-1")).ToContainTextAsync("Table 30");
        Assert.Equal("Table 30", fixture.Gateway.Service<IDeviceRegistry>().Find("tent-unboxed-1")!.Name);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_device_that_refuses_its_content_shows_why_and_the_refused_filter_finds_it()
    {
        // A label board flashed with the wrong secret: it cannot verify what the gateway signs and says so.
        const string id = "label-wrong-secret";
        var provisioned = fixture.Gateway.Service<IDeviceRegistry>().Provision(new ProvisionRequest { Id = id, Kind = "label", Panel = "2.9", Name = "Shelf 9" });
        Assert.Equal(ProvisionStatus.Created, provisioned.Status);
        var body = new JsonObject
        {
            ["label"] = new JsonObject { ["name"] = "Oolong", ["price"] = "5.20", ["currency"] = "€", ["codeKind"] = "none", ["codeData"] = "" },
        };
        using (var put = await fixture.Gateway.Api.PutAsync($"/api/devices/{id}/content", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json")))
            Assert.True(put.IsSuccessStatusCode, "PUT content: " + await put.Content.ReadAsStringAsync());

        var page = await StaffSession.OpenAsync(fixture, "#/fleet");
        var row = page.GetByTestId("device-" + id);
        await Expect(row).ToBeVisibleAsync();
        await using (var board = await Devices.Gateway.Tests.Fixtures.DeviceClient.ConnectAsync(fixture.Gateway.MqttPort, id, provisioned.Identity!.MqttPassword))
        {
            await board.HelloAsync(0);
            await board.NextAsync(TopicKind.Content);
            await board.AckAsync(1, AckResult.BadSignature, 0, "tag mismatch");
            await Expect(row).ToContainTextAsync("Refused version 1: BadSignature – tag mismatch");
        }

        await page.GetByLabel("Refused content").CheckAsync();
        await Expect(row).ToBeVisibleAsync();
        foreach (var other in ConsoleGateway.DeviceIds) await Expect(page.GetByTestId("device-" + other)).ToHaveCountAsync(0);
        await page.GetByLabel("Refused content").UncheckAsync();
        await Expect(page.GetByTestId("device-demo-tent-1")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}

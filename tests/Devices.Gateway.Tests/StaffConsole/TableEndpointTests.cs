using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Devices.Gateway.Registry;

namespace Devices.Gateway.Tests.StaffConsole;

public class TableEndpointTests
{
    private static async Task<JsonNode> TentAsync(ConsoleGateway gw, string id)
    {
        using var response = await gw.Api.GetAsync($"/api/devices/{id}/content");
        return (await gw.JsonAsync(response))!;
    }

    [Fact]
    public async Task Renaming_a_tent_renames_the_device_and_the_table_it_shows()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        gw.Gateway.Provision("tent-1");
        await gw.PutTentAsync("tent-1", "Table 1");
        await gw.SignInOkAsync();

        using var response = await gw.ConsoleSendAsync(HttpMethod.Patch, "/api/devices/tent-1", new { name = "Window 3" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Window 3", gw.Gateway.Service<IDeviceRegistry>().Find("tent-1")!.Name);
        var content = await TentAsync(gw, "tent-1");
        Assert.Equal(2u, content["version"]!.GetValue<uint>());
        Assert.Equal("Window 3", content["tent"]!["tableName"]!.GetValue<string>());
        Assert.Equal("https://order.example.com/t?d={device}&c={token}", content["tent"]!["linkTemplate"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_name_the_tent_cannot_show_is_refused_next_to_the_field_and_nothing_changes()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        gw.Gateway.Provision("tent-1");
        await gw.PutTentAsync("tent-1", "Table 1");
        await gw.SignInOkAsync();

        using var empty = await gw.ConsoleSendAsync(HttpMethod.Patch, "/api/devices/tent-1", new { name = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull((await gw.JsonAsync(empty))["errors"]!["name"]);
        // 40 characters: fine for the registry (64), too long for a tent's table name (32 bytes).
        using var tooLong = await gw.ConsoleSendAsync(HttpMethod.Patch, "/api/devices/tent-1", new { name = new string('x', 40) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.NotNull((await gw.JsonAsync(tooLong))["errors"]!["name"]);
        Assert.Equal("tent-1", gw.Gateway.Service<IDeviceRegistry>().Find("tent-1")!.Name);
        Assert.Equal(1u, (await TentAsync(gw, "tent-1"))["version"]!.GetValue<uint>());

        using var unknown = await gw.ConsoleSendAsync(HttpMethod.Patch, "/api/devices/nope", new { name = "x" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Fleet_settings_give_the_label_wake_interval_of_the_gateway_else_the_firmware_default()
    {
        await using (var configured = await ConsoleGateway.StartAsync("--Reconciliation:WakeIntervalSeconds=120"))
        {
            using var r = await configured.Api.GetAsync("/console/api/fleet/settings");
            Assert.Equal(120, (await configured.JsonAsync(r))["labelWakeSeconds"]!.GetValue<int>());
        }
        await using var plain = await ConsoleGateway.StartAsync();
        using var d = await plain.Api.GetAsync("/console/api/fleet/settings");
        Assert.Equal(3600, (await plain.JsonAsync(d))["labelWakeSeconds"]!.GetValue<int>()); // ShelfLabelOptions.DefaultWakeSeconds
    }

    [Fact]
    public async Task Devices_never_named_wait_to_be_named_until_they_are()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        gw.Gateway.Provision("tent-1");
        gw.Gateway.Service<IDeviceRegistry>().Provision(new ProvisionRequest { Id = "tent-2", Kind = "tent", Name = "Bar" });
        await gw.SignInOkAsync();
        async Task<string[]> WaitingAsync()
        {
            using var r = await gw.Browser.GetAsync("/console/api/devices/waiting");
            return (await gw.JsonAsync(r)).AsArray().Select(d => d!["id"]!.GetValue<string>()).ToArray();
        }
        Assert.Equal(["tent-1"], await WaitingAsync());
        using var _ = await gw.ConsoleSendAsync(HttpMethod.Patch, "/api/devices/tent-1", new { name = "Table 1" });
        Assert.Empty(await WaitingAsync());
    }

    [Fact]
    public async Task Bulk_settings_change_every_tent_and_keep_each_table_name()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        foreach (var n in new[] { 1, 2, 3 })
        {
            gw.Gateway.Provision("tent-" + n);
            await gw.PutTentAsync("tent-" + n, "Table " + n);
        }
        gw.Gateway.Provision("label-1", "label"); // not a tent: left alone
        await gw.SignInOkAsync();

        using var all = await gw.ConsoleSendAsync(HttpMethod.Post, "/console/api/tents/settings",
            new { linkTemplate = "https://new.example.com/o/{device}/{token}", rotationSeconds = 30 });
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(3, (await gw.JsonAsync(all))["changed"]!.GetValue<int>());
        foreach (var n in new[] { 1, 2, 3 })
        {
            var tent = (await TentAsync(gw, "tent-" + n))["tent"]!;
            Assert.Equal("https://new.example.com/o/{device}/{token}", tent["linkTemplate"]!.GetValue<string>());
            Assert.Equal(30u, tent["rotationSeconds"]!.GetValue<uint>());
            Assert.Equal("Table " + n, tent["tableName"]!.GetValue<string>());
            Assert.Equal("Scan to order", tent["headline"]!.GetValue<string>());
        }

        using var one = await gw.ConsoleSendAsync(HttpMethod.Post, "/console/api/tents/settings",
            new { deviceIds = new[] { "tent-2" }, playlist = new[] { new { linkTemplate = "https://new.example.com/menu/{device}/{token}", dwellSeconds = 5, headline = "Menu" } } });
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Single((await TentAsync(gw, "tent-2"))["tent"]!["playlist"]!.AsArray());
        Assert.Empty((await TentAsync(gw, "tent-1"))["tent"]!["playlist"]!.AsArray());
        Assert.Equal(2u, (await TentAsync(gw, "tent-1"))["version"]!.GetValue<uint>());
    }

    [Fact]
    public async Task An_invalid_template_is_refused_with_the_field_named_and_no_tent_changes()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        gw.Gateway.Provision("tent-1");
        gw.Gateway.Provision("tent-2");
        await gw.PutTentAsync("tent-1", "Table 1");
        await gw.PutTentAsync("tent-2", "Table 2");
        await gw.SignInOkAsync();

        using var response = await gw.ConsoleSendAsync(HttpMethod.Post, "/console/api/tents/settings",
            new { linkTemplate = "https://order.example.com/{table}/{token}", rotationSeconds = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await gw.JsonAsync(response))["errors"]!;
        Assert.NotNull(errors["linkTemplate"]);
        Assert.NotNull(errors["rotationSeconds"]);
        Assert.Equal(1u, (await TentAsync(gw, "tent-1"))["version"]!.GetValue<uint>());
        Assert.Equal(1u, (await TentAsync(gw, "tent-2"))["version"]!.GetValue<uint>());

        using var notATent = await gw.ConsoleSendAsync(HttpMethod.Post, "/console/api/tents/settings", new { deviceIds = new[] { "nope" }, rotationSeconds = 30 });
        Assert.Equal(HttpStatusCode.NotFound, notATent.StatusCode);
    }

    [Fact]
    public async Task Test_scan_makes_the_current_link_and_the_verify_api_agrees()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        gw.Gateway.Provision("tent-1");
        gw.Gateway.Provision("tent-2");
        await gw.PutTentAsync("tent-1", "Table 1", rotation: 3600);
        await gw.SignInOkAsync();

        using var response = await gw.ConsoleSendAsync(HttpMethod.Post, "/console/api/tents/tent-1/test-scan");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await gw.JsonAsync(response);
        string link = result["link"]!.GetValue<string>();
        Assert.StartsWith("https://order.example.com/t?d=tent-1&c=", link);
        Assert.True(result["verdict"]!["valid"]!.GetValue<bool>());
        Assert.Equal("Table 1", result["verdict"]!["tableName"]!.GetValue<string>());

        // What a backend would get for the same link, and for a forged one.
        using var verify = await gw.Api.PostAsJsonAsync("/api/codes/verify", new { link });
        Assert.True((await gw.JsonAsync(verify))["valid"]!.GetValue<bool>());
        var forged = link[..^1] + (link[^1] == 'A' ? 'B' : 'A');
        using var bad = await gw.Api.PostAsJsonAsync("/api/codes/verify", new { link = forged });
        Assert.False((await gw.JsonAsync(bad))["valid"]!.GetValue<bool>());

        using var noContent = await gw.ConsoleSendAsync(HttpMethod.Post, "/console/api/tents/tent-2/test-scan");
        Assert.Equal(HttpStatusCode.Conflict, noContent.StatusCode);
    }
}

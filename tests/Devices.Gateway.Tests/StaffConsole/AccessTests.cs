using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading.Tasks;
using Devices.Gateway.Registry;

namespace Devices.Gateway.Tests.StaffConsole;

/// <summary>Nothing of the console or the API works without a sign-in or a key; cookie writes need X-Console: 1.</summary>
public class AccessTests
{
    [Fact]
    public async Task Without_a_cookie_pages_go_to_sign_in_and_everything_else_is_401()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        using var page = new HttpRequestMessage(HttpMethod.Get, "/console/");
        page.Headers.Accept.ParseAdd("text/html");
        using var redirect = await gw.Browser.SendAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/console/signin.html?return=", redirect.Headers.Location!.OriginalString);

        foreach (var path in new[] { "/console/app.js", "/console/pages/tables.js", "/console/events", "/console/api/session",
                     "/console/api/devices/waiting", "/api/devices", "/api/whoami" })
        {
            using var response = await gw.Browser.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, path + " answered " + response.StatusCode);
        }
        using var post = await gw.ConsoleSendAsync(HttpMethod.Post, "/console/api/tents/settings", new { rotationSeconds = 30 });
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_and_its_assets_are_public()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        foreach (var path in new[] { "/console/signin.html", "/console/signin.js", "/console/console.css" })
        {
            using var response = await gw.Browser.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, path + " answered " + response.StatusCode);
        }
        using var root = await gw.Browser.GetAsync("/");
        Assert.Equal("/console/", root.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Console_files_never_reach_outside_the_console_folder()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        await gw.SignInOkAsync();
        Assert.True(System.IO.File.Exists(System.IO.Path.Combine(System.AppContext.BaseDirectory, "appsettings.json")));
        foreach (var path in new[] { "/console/..%2F..%2Fappsettings.json", "/console/%2E%2E/%2E%2E/appsettings.json", "/console/pages/..%2F..%2F..%2Fappsettings.json" })
        {
            using var response = await gw.Browser.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, path + " answered " + response.StatusCode);
            Assert.DoesNotContain("\"Urls\"", body);
        }
    }

    [Fact]
    public async Task Cookie_writes_without_the_X_Console_header_are_403_and_change_nothing()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        gw.Gateway.Provision("tent-1");
        await gw.SignInOkAsync();

        using var refused = await gw.ConsoleSendAsync(HttpMethod.Patch, "/api/devices/tent-1", new { name = "Table 9" }, csrfHeader: false);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("X-Console: 1", (await gw.JsonAsync(refused))["detail"]!.GetValue<string>());
        Assert.Equal("tent-1", gw.Gateway.Service<IDeviceRegistry>().Find("tent-1")!.Name);

        using var accepted = await gw.ConsoleSendAsync(HttpMethod.Patch, "/api/devices/tent-1", new { name = "Table 9" });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("Table 9", gw.Gateway.Service<IDeviceRegistry>().Find("tent-1")!.Name);

        // Reading needs no header.
        using var read = await gw.Browser.GetAsync("/api/devices/tent-1");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task The_api_key_still_works_without_the_console_header()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        gw.Gateway.Provision("tent-1");
        using var response = await gw.Api.PatchAsJsonAsync("/api/devices/tent-1", new { name = "Terrace 1" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Terrace 1", (await gw.JsonAsync(response))["name"]!.GetValue<string>());
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/console/api/devices/waiting");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Fixtures.MqttGateway.ApiKey);
        using var waiting = await gw.Browser.SendAsync(bearer);
        Assert.Equal(HttpStatusCode.OK, waiting.StatusCode);
        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, "/api/devices");
        wrongKey.Headers.Add("X-Api-Key", "not-the-key-0123456789");
        using var refused = await gw.Browser.SendAsync(wrongKey);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("The API key is not valid.", (await gw.JsonAsync(refused))["detail"]!.GetValue<string>());
    }
}

using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading.Tasks;
using Devices.Gateway.StaffConsole;
using Devices.Gateway.Tests.Fixtures;
using Microsoft.AspNetCore.Identity;

namespace Devices.Gateway.Tests.StaffConsole;

public class SignInTests
{
    [Fact]
    public async Task Wrong_password_is_401_in_plain_words_and_sets_no_cookie()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        using var response = await gw.SignInAsync(password: "wrong horse battery");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("The name or the password is wrong.", (await gw.JsonAsync(response))["detail"]!.GetValue<string>());
        using var unknown = await gw.SignInAsync(name: "bob");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        using var whoami = await gw.Browser.GetAsync("/api/whoami");
        Assert.Equal(HttpStatusCode.Unauthorized, whoami.StatusCode);
    }

    [Fact]
    public async Task Right_password_sets_an_HttpOnly_SameSite_Strict_cookie_that_opens_the_console_and_the_api()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        using var response = await gw.SignInAsync(name: "ANNA"); // names are not case-sensitive
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ConsoleAuthentication.CookieName + "="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("anna", (await gw.JsonAsync(response))["name"]!.GetValue<string>());

        using var whoami = await gw.Browser.GetAsync("/api/whoami");
        Assert.Equal(HttpStatusCode.OK, whoami.StatusCode);
        Assert.Equal("anna", (await gw.JsonAsync(whoami))["name"]!.GetValue<string>());
        using var page = await gw.Browser.GetAsync("/console/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("app.js", await page.Content.ReadAsStringAsync());
        using var script = await gw.Browser.GetAsync("/console/pages/fleet.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        using var session = await gw.Browser.GetAsync("/console/api/session");
        Assert.Equal("account", (await gw.JsonAsync(session))["via"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_api_key_signs_in_too_and_a_wrong_key_does_not()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        using var wrong = await gw.Browser.PostAsJsonAsync("/console/signin", new { apiKey = MqttGateway.ApiKey + "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var right = await gw.Browser.PostAsJsonAsync("/console/signin", new { apiKey = MqttGateway.ApiKey });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        using var whoami = await gw.Browser.GetAsync("/api/whoami");
        Assert.Equal("tests", (await gw.JsonAsync(whoami))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ten_wrong_passwords_lock_the_name_for_a_while_even_for_the_right_password()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        for (int i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            using var wrong = await gw.SignInAsync(password: "guess " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var locked = await gw.SignInAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many wrong sign-ins", (await gw.JsonAsync(locked))["detail"]!.GetValue<string>());
        using var whoami = await gw.Browser.GetAsync("/api/whoami");
        Assert.Equal(HttpStatusCode.Unauthorized, whoami.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        await gw.SignInOkAsync();
        using var signOut = await gw.ConsoleSendAsync(HttpMethod.Post, "/console/signout");
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        using var whoami = await gw.Browser.GetAsync("/api/whoami");
        Assert.Equal(HttpStatusCode.Unauthorized, whoami.StatusCode);
    }

    [Fact]
    public async Task A_plain_text_password_in_the_configuration_stops_the_gateway_with_a_clear_message()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gw-console-" + Guid.NewGuid().ToString("N"));
        Microsoft.AspNetCore.Builder.WebApplication? app = null;
        var e = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            app = Program.Build(["--urls=http://127.0.0.1:0", "--Storage:DataFolder=" + folder, "--Mqtt:Port=0",
                "--Console:Accounts:0:Name=anna", "--Console:Accounts:0:PasswordHash=secret123"]);
            await app.StartAsync();
        });
        Assert.Contains("hash-password", StartupFailure.Describe(e) ?? e.Message);
        if (app is not null) await app.DisposeAsync();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Hash_password_command_prints_a_hash_that_verifies_and_refuses_short_passwords()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, PasswordHashCommand.Run(new StringReader("tables-and-tents\n"), output, error, interactive: false));
        var hash = output.ToString().Trim();
        Assert.DoesNotContain("tables-and-tents", hash);
        var hasher = new PasswordHasher<object>();
        Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(new object(), hash, "tables-and-tents"));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(new object(), hash, "tables-and-tent"));

        var shortError = new StringWriter();
        Assert.Equal(1, PasswordHashCommand.Run(new StringReader("short\n"), new StringWriter(), shortError, interactive: false));
        Assert.Contains("at least 8 characters", shortError.ToString());
    }
}

using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Devices.Gateway.StaffConsole;
using Devices.Gateway.Tests.Fixtures;

namespace Devices.Gateway.Tests.StaffConsole;

/// <summary>
/// The real gateway (Kestrel on 127.0.0.1, embedded broker) with one staff account "anna" and the fixture's API key;
/// <see cref="Browser"/> keeps cookies like a browser and follows no redirects, so tests see each answer.
/// </summary>
public sealed class ConsoleGateway : IAsyncDisposable
{
    public const string Account = "anna";
    public const string Password = "correct horse battery";

    private ConsoleGateway(MqttGateway gateway)
    {
        Gateway = gateway;
        Address = gateway.Api.BaseAddress!;
        Cookies = new CookieContainer();
        Browser = NewBrowser(Cookies);
    }

    public MqttGateway Gateway { get; }
    public Uri Address { get; }
    public CookieContainer Cookies { get; }
    public HttpClient Browser { get; }
    /// <summary>Sends the API key.</summary>
    public HttpClient Api => Gateway.Api;

    public static async Task<ConsoleGateway> StartAsync(params string[] extraArgs)
    {
        // The hash comes from ASP.NET Core Identity's PasswordHasher, which the sign-in check uses to verify it.
        var args = new[] { "--Console:Accounts:0:Name=" + Account, "--Console:Accounts:0:PasswordHash=" + ConsoleAccounts.Hash(Password) };
        var gateway = await MqttGateway.StartAsync([.. args, .. extraArgs]);
        return new ConsoleGateway(gateway);
    }

    public HttpClient NewBrowser(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = Address };

    public Task<HttpResponseMessage> SignInAsync(string name = Account, string password = Password) =>
        Browser.PostAsJsonAsync("/console/signin", new { name, password });

    /// <summary>Signs in and fails the test unless it worked.</summary>
    public async Task SignInOkAsync()
    {
        using var response = await SignInAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A cookie request with the console's CSRF header, as ctx.api sends it.</summary>
    public async Task<HttpResponseMessage> ConsoleSendAsync(HttpMethod method, string path, object? body = null, bool csrfHeader = true)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (csrfHeader) request.Headers.Add(ConsoleAuthentication.CsrfHeader, "1");
        return await Browser.SendAsync(request);
    }

    public async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty JSON: " + text);
    }

    /// <summary>Gives a tent content through the API (with the key), as a backend would.</summary>
    public async Task PutTentAsync(string id, string tableName, string template = "https://order.example.com/t?d={device}&c={token}", uint rotation = 60)
    {
        using var response = await Api.PutAsJsonAsync($"/api/devices/{id}/content",
            new { tent = new { tableName, headline = "Scan to order", linkTemplate = template, rotationSeconds = rotation } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Browser.Dispose();
        await Gateway.DisposeAsync();
    }
}

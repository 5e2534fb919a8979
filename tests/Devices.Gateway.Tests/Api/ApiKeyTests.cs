using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;

namespace Devices.Gateway.Tests.Api;

public class ApiKeyTests
{
    [Fact]
    public async Task Api_without_a_key_is_401_problem_details()
    {
        await using var gw = await ApiGateway.StartAsync();
        using var response = await gw.Anonymous.GetAsync("/api/whoami");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(401, body.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("X-Api-Key", body.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Wrong_key_is_401_and_says_so()
    {
        await using var gw = await ApiGateway.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/whoami");
        request.Headers.Add("X-Api-Key", ApiGateway.Key + "x");
        using var response = await gw.Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("The API key is not valid.", body.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Bearer_key_is_accepted()
    {
        await using var gw = await ApiGateway.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiGateway.Key);
        using var response = await gw.Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("tests", body.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Health_is_public()
    {
        await using var gw = await ApiGateway.StartAsync();
        using var response = await gw.Anonymous.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.True(body.RootElement.GetProperty("brokerReady").GetBoolean());
        Assert.Equal(0, body.RootElement.GetProperty("outboxPending").GetInt64());
    }

    [Fact]
    public async Task Health_is_503_while_the_external_broker_is_unreachable()
    {
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        int port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now
        await using var gw = await ApiGateway.StartAsync("--Mqtt:Mode=External", "--Mqtt:External:Host=127.0.0.1", "--Mqtt:External:Port=" + port);
        using var response = await gw.Anonymous.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("degraded", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("external", body.RootElement.GetProperty("broker").GetString());
    }

    [Fact]
    public async Task Unknown_api_path_is_problem_details_too()
    {
        await using var gw = await ApiGateway.StartAsync();
        using var response = await gw.Client.GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

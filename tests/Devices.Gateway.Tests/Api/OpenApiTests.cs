using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Devices.Gateway.Tests.Api;

public class OpenApiTests
{
    [Fact]
    public async Task Document_lists_the_endpoints_and_the_key_scheme()
    {
        await using var gw = await ApiGateway.StartAsync();
        using var response = await gw.Anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var paths = doc["paths"]!.AsObject();
        foreach (var (path, method) in new[]
        {
            ("/api/devices/{id}/content", "put"), ("/api/devices/{id}/content", "get"), ("/api/labels/prices", "post"),
            ("/api/devices/{id}/notify", "post"), ("/api/codes/verify", "post"), ("/api/devices/{id}/preview.png", "get"),
            ("/api/devices/{id}/content/history", "get"), ("/api/devices/{id}/content/scheduled", "get"),
        })
        {
            Assert.True(paths.ContainsKey(path) && paths[path]!.AsObject().ContainsKey(method), method + " " + path + " missing from the OpenAPI document");
        }
        var scheme = doc["components"]!["securitySchemes"]!["ApiKey"]!;
        Assert.Equal("apiKey", scheme["type"]!.GetValue<string>());
        Assert.Equal("X-Api-Key", scheme["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Metrics_are_scraped_at_metrics()
    {
        await using var gw = await ApiGateway.StartAsync();
        using (await gw.Client.GetAsync("/api/whoami")) { }
        var deadline = System.DateTime.UtcNow.AddSeconds(10);
        string text = "";
        while (System.DateTime.UtcNow < deadline)
        {
            text = await gw.Anonymous.GetStringAsync("/metrics");
            if (text.Contains("http_server_request_duration")) break;
            await Task.Delay(200);
        }
        Assert.Contains("http_server_request_duration", text);
    }
}

using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Devices.Gateway.Tests.Api;
using QRCoder;

namespace Devices.Gateway.Tests.Content;

public class ContentEndpointTests
{
    [Fact]
    public async Task Put_sets_signed_content_and_if_match_guards_the_version()
    {
        await using var gw = await ApiGateway.StartAsync();
        var identity = await ContentApi.ProvisionAsync(gw, "label-1", "label");

        var first = await ContentApi.PutOkAsync(gw, "label-1", ContentApi.Label("Bio Äpfel", "2.49"));
        Assert.Equal(1u, first["version"]!.GetValue<uint>());
        Assert.True(first["changed"]!.GetValue<bool>());

        var second = await ContentApi.PutOkAsync(gw, "label-1", ContentApi.Label("Bio Äpfel", "2.29"), ifMatch: "\"1\"");
        Assert.Equal(2u, second["version"]!.GetValue<uint>());

        using var stale = await ContentApi.PutAsync(gw, "label-1", ContentApi.Label("Bio Äpfel", "1.99"), ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var problem = await ContentApi.ReadJsonAsync(stale);
        Assert.Equal(412, problem["status"]!.GetValue<int>());
        Assert.Equal(2u, problem["currentVersion"]!.GetValue<uint>());

        // What the device gets: the envelope verifies under the content key derived from the secret, version 2, price 2.29.
        var label = ContentApi.DecodeLabel(gw, identity, out var version);
        Assert.Equal(2u, version);
        Assert.Equal("Bio Äpfel", label.Name);
        Assert.Equal(229, label.PriceMinor);
        Assert.Equal(2, label.PriceDecimals);

        using var get = await gw.Client.GetAsync("/api/devices/label-1/content");
        Assert.Equal("\"2\"", get.Headers.ETag?.ToString());
        var view = await ContentApi.ReadJsonAsync(get);
        Assert.Equal("2.29", view["label"]!["price"]!.GetValue<string>());

        using var history = await gw.Client.GetAsync("/api/devices/label-1/content/history");
        var versions = (await ContentApi.ReadJsonAsync(history)).AsArray().Select(h => h!["version"]!.GetValue<uint>()).ToArray();
        Assert.Equal(new uint[] { 2, 1 }, versions);
    }

    [Fact]
    public async Task Link_too_long_for_the_panel_is_refused_with_a_clear_message()
    {
        await using var gw = await ApiGateway.StartAsync();
        await ContentApi.ProvisionAsync(gw, "small-label", "label", panel: "2.13");
        string link = "https://shop.example.com/p/" + new string('x', 250 - 27);
        Assert.Equal(250, link.Length);
        // Independent check that it really cannot fit: QRCoder's smallest symbol for it (level L) has more modules
        // than fit the 122-pixel panel height at 2 px per module with margins (3 px) and a 2-module quiet zone.
        using var qr = new QRCodeGenerator().CreateQrCode(link, QRCodeGenerator.ECCLevel.L);
        int modules = qr.ModuleMatrix.Count - 8; // QRCoder includes a 4-module quiet zone on each side
        Assert.True((modules + 4) * 2 > 122 - 6, "the test link should not fit; it has " + modules + " modules");

        using var response = await ContentApi.PutAsync(gw, "small-label", ContentApi.Label("Tea", "3.98", link));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ContentApi.ReadJsonAsync(response);
        var message = problem["errors"]!["label.codeData"]![0]!.GetValue<string>();
        Assert.Contains("too long to scan", message);
        Assert.Contains("2.13", message);

        // A short link on the same panel is fine.
        await ContentApi.PutOkAsync(gw, "small-label", ContentApi.Label("Tea", "3.98", "https://shop.example.com/p/17"));
    }

    [Fact]
    public async Task Bad_content_names_the_field()
    {
        await using var gw = await ApiGateway.StartAsync();
        await ContentApi.ProvisionAsync(gw, "label-2", "label");

        using var oversize = await ContentApi.PutAsync(gw, "label-2", ContentApi.Label(new string('n', 97), "1.00"));
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        Assert.Contains("At most 96 bytes", (await ContentApi.ReadJsonAsync(oversize))["errors"]!["label.name"]![0]!.GetValue<string>());

        using var badPrice = await ContentApi.PutAsync(gw, "label-2", ContentApi.Label("Tea", "-1,5"));
        Assert.NotNull((await ContentApi.ReadJsonAsync(badPrice))["errors"]!["label.price"]);

        using var wrongKind = await ContentApi.PutAsync(gw, "label-2", new JsonObject { ["tent"] = new JsonObject { ["tableName"] = "T1" } });
        Assert.Contains("shelf label", (await ContentApi.ReadJsonAsync(wrongKind))["errors"]!["label"]![0]!.GetValue<string>());

        using var typo = await gw.Client.PutAsync("/api/devices/label-2/content",
            new StringContent("{\"label\":{\"prize\":\"1.00\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Equal("application/problem+json", typo.Content.Headers.ContentType?.MediaType);
        Assert.Contains("prize", (await ContentApi.ReadJsonAsync(typo))["detail"]!.GetValue<string>());

        using var malformed = await gw.Client.PutAsync("/api/devices/label-2/content",
            new StringContent("{\"label\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("not valid JSON", (await ContentApi.ReadJsonAsync(malformed))["detail"]!.GetValue<string>());

        using var unknown = await ContentApi.PutAsync(gw, "no-such-device", ContentApi.Label("Tea", "1.00"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var problem = await ContentApi.ReadJsonAsync(unknown);
        Assert.Equal("Unknown device", problem["title"]!.GetValue<string>());
        Assert.Contains("no-such-device", problem["detail"]!.GetValue<string>());
        Assert.NotNull(problem["type"]);
    }

    [Fact]
    public async Task Unchanged_picture_is_not_resent()
    {
        await using var gw = await ApiGateway.StartAsync();
        var identity = await ContentApi.ProvisionAsync(gw, "label-3", "label");
        await ContentApi.PutOkAsync(gw, "label-3", ContentApi.Label("Milk", "0.99"));
        var stored = gw.Service<global::Devices.Gateway.Content.ContentStore>().Get("label-3")!;

        var again = await ContentApi.PutOkAsync(gw, "label-3", ContentApi.Label("Milk", "0.99"));
        Assert.False(again["changed"]!.GetValue<bool>());
        Assert.Equal(1u, again["version"]!.GetValue<uint>());
        Assert.Same(stored, gw.Service<global::Devices.Gateway.Content.ContentStore>().Get("label-3"));

        // Same picture, different wake interval: the label must still get it.
        var body = ContentApi.Label("Milk", "0.99");
        body["label"]!["wakeIntervalSeconds"] = 600;
        var wake = await ContentApi.PutOkAsync(gw, "label-3", body);
        Assert.True(wake["changed"]!.GetValue<bool>());
        Assert.Equal(2u, wake["version"]!.GetValue<uint>());
        Assert.Equal(600u, ContentApi.DecodeLabel(gw, identity, out _).WakeIntervalSeconds);
    }

    [Fact]
    public async Task Scheduled_change_is_applied_on_time()
    {
        await using var gw = await ApiGateway.StartAsync();
        var identity = await ContentApi.ProvisionAsync(gw, "label-4", "label");
        await ContentApi.PutOkAsync(gw, "label-4", ContentApi.Label("Bread", "2.50"));

        var due = DateTimeOffset.UtcNow.AddSeconds(1.5);
        var body = ContentApi.Label("Bread", "1.99");
        body["effectiveAt"] = due.ToString("O");
        using var response = await ContentApi.PutAsync(gw, "label-4", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1u, gw.Service<global::Devices.Gateway.Content.ContentStore>().Get("label-4")!.Version);

        using var scheduled = await gw.Client.GetAsync("/api/devices/label-4/content/scheduled");
        Assert.Single((await ContentApi.ReadJsonAsync(scheduled)).AsArray());

        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (gw.Service<global::Devices.Gateway.Content.ContentStore>().Get("label-4")!.Version == 1 && DateTimeOffset.UtcNow < deadline) await Task.Delay(50);
        var appliedAt = DateTimeOffset.UtcNow;
        var label = ContentApi.DecodeLabel(gw, identity, out var version);
        Assert.Equal(2u, version);
        Assert.Equal(199, label.PriceMinor);
        Assert.True(appliedAt >= due, "applied before its time");
        Assert.True(appliedAt - due < TimeSpan.FromSeconds(2), "applied " + (appliedAt - due).TotalMilliseconds + " ms late");
    }
}

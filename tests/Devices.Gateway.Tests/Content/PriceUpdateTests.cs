using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Devices.Gateway.Registry;
using Devices.Gateway.Tests.Api;
using Xunit.Abstractions;

namespace Devices.Gateway.Tests.Content;

public class PriceUpdateTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Thousand_skus_in_one_request_and_1001_refused()
    {
        await using var gw = await ApiGateway.StartAsync();
        var registry = gw.Service<IDeviceRegistry>();
        // 999 labels bound to their own SKU, one SKU nobody has.
        for (int i = 0; i < 999; i++)
        {
            var result = registry.Provision(new ProvisionRequest { Id = "shelf-" + i, Kind = "label", Panel = "2.9", Sku = "SKU-" + i });
            Assert.Equal(ProvisionStatus.Created, result.Status);
        }
        var items = new JsonArray();
        for (int i = 0; i < 999; i++) items.Add(new JsonObject { ["sku"] = "SKU-" + i, ["price"] = (100 + i) / 100 + "." + ((100 + i) % 100).ToString("00"), ["currency"] = "€" });
        items.Add(new JsonObject { ["sku"] = "SKU-none", ["price"] = "1.00" });

        var clock = Stopwatch.StartNew();
        using var response = await gw.Client.PostAsJsonAsync("/api/labels/prices", new JsonObject { ["items"] = items });
        clock.Stop();
        output.WriteLine("1000 items: " + clock.ElapsedMilliseconds + " ms");
        var body = await ContentApi.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(999, body["updated"]!.GetValue<int>());
        Assert.Equal(1, body["failed"]!.GetValue<int>());
        var results = body["results"]!.AsArray();
        Assert.Equal(1000, results.Count);
        Assert.Equal("unknownSku", results[999]!["status"]!.GetValue<string>());

        var store = gw.Service<global::Devices.Gateway.Content.ContentStore>();
        foreach (int i in new[] { 0, 1, 500, 998 })
        {
            Assert.Equal("updated", results[i]!["status"]!.GetValue<string>());
            var stored = store.Get("shelf-" + i)!;
            Assert.True(global::Devices.Firmware.Core.Content.LabelContentCodec.TryDecode(stored.Payload, 0, stored.Payload.Length, out var label).Ok);
            Assert.Equal(100 + i, label.PriceMinor);
            Assert.Equal("€", label.Currency);
        }

        // The same prices again: nothing changes on any label.
        using var again = await gw.Client.PostAsJsonAsync("/api/labels/prices", new JsonObject { ["items"] = JsonNode.Parse(items.ToJsonString()) });
        var againBody = await ContentApi.ReadJsonAsync(again);
        Assert.Equal(999, againBody["unchanged"]!.GetValue<int>());
        Assert.Equal(1u, store.Get("shelf-0")!.Version);

        items.Add(new JsonObject { ["sku"] = "SKU-0", ["price"] = "9.99" });
        using var tooMany = await gw.Client.PostAsJsonAsync("/api/labels/prices", new JsonObject { ["items"] = JsonNode.Parse(items.ToJsonString()) });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        var problem = await ContentApi.ReadJsonAsync(tooMany);
        Assert.Contains("At most 1000 items", problem["errors"]!["items"]![0]!.GetValue<string>());
        Assert.Equal(1u, store.Get("shelf-0")!.Version);
    }

    [Fact]
    public async Task Bad_item_is_reported_and_the_others_applied()
    {
        await using var gw = await ApiGateway.StartAsync();
        await ContentApi.ProvisionAsync(gw, "shelf-a", "label", sku: "A");
        await ContentApi.ProvisionAsync(gw, "shelf-b", "label", sku: "B");
        var items = new JsonArray
        {
            new JsonObject { ["sku"] = "A", ["price"] = "1.5.0" },
            new JsonObject { ["sku"] = "B", ["price"] = "3.20" },
        };
        using var response = await gw.Client.PostAsJsonAsync("/api/labels/prices", new JsonObject { ["items"] = items });
        var body = await ContentApi.ReadJsonAsync(response);
        Assert.Equal("invalid", body["results"]![0]!["status"]!.GetValue<string>());
        Assert.Contains("1.5.0", body["results"]![0]!["error"]!.GetValue<string>());
        Assert.Equal("updated", body["results"]![1]!["status"]!.GetValue<string>());
        Assert.Null(gw.Service<global::Devices.Gateway.Content.ContentStore>().Get("shelf-a"));
    }
}

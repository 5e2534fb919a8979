using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Tests.Oracles;
using Devices.Gateway.Content;
using Devices.Gateway.Storage;
using Devices.Gateway.Tests.Api;

namespace Devices.Gateway.Tests.Content;

/// <summary>The Labels page's endpoints on the real gateway (Kestrel on 127.0.0.1, SQLite in a temp folder).</summary>
public class LabelConsoleTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static async Task<JsonNode> Csv(ApiGateway gw, string csv, bool dryRun, string? token = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = new JsonObject { ["csv"] = csv, ["dryRun"] = dryRun };
        if (token is not null) body["token"] = token;
        using var response = await gw.Client.PostAsJsonAsync("/api/labels/prices/csv", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, "CSV import: " + (int)response.StatusCode + " " + text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>Every label's stored version and payload, and the number of history rows, straight from the store and SQLite.</summary>
    private static string Snapshot(ApiGateway gw)
    {
        var store = gw.Service<ContentStore>();
        var text = new StringBuilder();
        foreach (var c in store.All().OrderBy(c => c.DeviceId, StringComparer.Ordinal))
            text.Append(c.DeviceId).Append(' ').Append(c.Version).Append(' ').Append(Convert.ToHexString(c.Payload)).Append('\n');
        using var connection = gw.Service<GatewayDatabase>().Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM content_history";
        return text.Append("history ").Append((long)command.ExecuteScalar()!).ToString();
    }

    private static LabelContent Stored(ApiGateway gw, string id, out uint version)
    {
        var stored = gw.Service<ContentStore>().Get(id)!;
        version = stored.Version;
        Assert.True(LabelContentCodec.TryDecode(stored.Payload, 0, stored.Payload.Length, out var label).Ok);
        return label;
    }

    [Fact]
    public async Task Csv_mistakes_are_reported_per_line_in_words_and_block_applying()
    {
        await using var gw = await ApiGateway.StartAsync();
        await ContentApi.ProvisionAsync(gw, "shelf-a", "label", sku: "A");
        await ContentApi.PutOkAsync(gw, "shelf-a", ContentApi.Label("Apples", "2.49"));
        var before = Snapshot(gw);

        const string csv = "sku,price,name,promo\n" + // 1
                           "A,1.99\n" +                // 2
                           "\n" +                      // 3 (blank: skipped)
                           "B,\n" +                    // 4
                           ",3.00\n" +                 // 5
                           "C,1,x,y,z\n" +             // 6
                           "D,abc\n" +                 // 7
                           "A,2.00\n" +                // 8
                           "\"E,1.00\n" +              // 9
                           "F,-1\n";                   // 10
        var dry = await Csv(gw, csv, dryRun: true);
        var messages = dry["errors"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()).ToArray();
        Assert.Equal(new[]
        {
            "line 4: the price for 'B' is empty.",
            "line 5: the sku is empty.",
            "line 6: 5 columns; expected sku,price and optionally name,promo (separated by ',').",
            "line 7: price 'abc' is not a number (write it like 2.49: digits, one '.', no currency sign).",
            "line 8: sku 'A' is already on line 2.",
            "line 9: a quote (\") is not closed.",
            "line 10: price '-1' is not a number (write it like 2.49: digits, one '.', no currency sign).",
        }, messages);
        Assert.Equal(new[] { 4, 5, 6, 7, 8, 9, 10 }, dry["errors"]!.AsArray().Select(e => e!["line"]!.GetValue<int>()));
        // The good line is still planned, so the dry run shows it.
        Assert.Equal("1.99", dry["changes"]![0]!["new"]!["price"]!.GetValue<string>());

        var refused = await Csv(gw, csv, dryRun: false, dry["token"]!.GetValue<string>(), HttpStatusCode.BadRequest);
        Assert.Equal("line 7: price 'abc' is not a number (write it like 2.49: digits, one '.', no currency sign).",
            refused["errors"]!["line 7"]![0]!.GetValue<string>());
        Assert.Contains("Nothing was changed", refused["detail"]!.GetValue<string>());
        Assert.Equal(before, Snapshot(gw));

        // A name too long for the label is refused by the same checks as PUT content, with its line.
        var tooLong = await Csv(gw, "A,1.00," + new string('x', 200), dryRun: true);
        var error = tooLong["errors"]![0]!["message"]!.GetValue<string>();
        Assert.StartsWith("line 1: shelf-a: label", error);
        Assert.Contains("200", error); // says how long it is
        output.WriteLine(error);
        Assert.Equal(before, Snapshot(gw));
    }

    [Fact]
    public async Task Dry_run_changes_nothing_and_apply_changes_exactly_what_it_said()
    {
        await using var gw = await ApiGateway.StartAsync();
        await ContentApi.ProvisionAsync(gw, "shelf-a1", "label", sku: "4006381333931", name: "Aisle 3 top");
        await ContentApi.ProvisionAsync(gw, "shelf-a2", "label", sku: "4006381333931", name: "Aisle 3 bottom");
        await ContentApi.ProvisionAsync(gw, "shelf-b", "label", sku: "B-7");
        await ContentApi.ProvisionAsync(gw, "shelf-c", "label", sku: "C 9");
        await ContentApi.PutOkAsync(gw, "shelf-a1", ContentApi.Label("Apples", "2.49"));
        await ContentApi.PutOkAsync(gw, "shelf-a2", ContentApi.Label("Apples", "2.49"));
        await ContentApi.PutOkAsync(gw, "shelf-b", ContentApi.Label("Bread", "3.50"));
        var before = Snapshot(gw);

        // ';' separated, header in another order, a quoted name with a comma, "2,5" with a decimal comma, "-" clears a promo.
        const string csv = "\uFEFFSKU;Promo;Price;Name\r\n" +
                           "4006381333931;-20%;1.99;\"Apples, Elstar\"\r\n" +
                           "B-7;;3.50;\r\n" +
                           "nobody;;1.00;\r\n" +
                           "C 9;-;2,5;Cheese\r\n";
        var dry = await Csv(gw, csv, dryRun: true);
        Assert.Empty(dry["errors"]!.AsArray());
        Assert.Equal("line 4: no label is bound to sku 'nobody'; skipped.", dry["skipped"]![0]!["message"]!.GetValue<string>());
        var changes = dry["changes"]!.AsArray();
        Assert.Equal(new[] { "shelf-a1", "shelf-a2", "shelf-b", "shelf-c" }, changes.Select(c => c!["deviceId"]!.GetValue<string>()).Order());
        var a1 = changes.Single(c => c!["deviceId"]!.GetValue<string>() == "shelf-a1")!;
        Assert.Equal(2, a1["line"]!.GetValue<int>());
        Assert.Equal("Aisle 3 top", a1["deviceName"]!.GetValue<string>());
        Assert.Equal("2.49", a1["old"]!["price"]!.GetValue<string>());
        Assert.Equal("Apples", a1["old"]!["name"]!.GetValue<string>());
        Assert.Equal("1.99", a1["new"]!["price"]!.GetValue<string>());
        Assert.Equal("Apples, Elstar", a1["new"]!["name"]!.GetValue<string>());
        Assert.Equal("-20%", a1["new"]!["promo"]!.GetValue<string>());
        var b = changes.Single(c => c!["deviceId"]!.GetValue<string>() == "shelf-b")!;
        Assert.False(b["changed"]!.GetValue<bool>()); // same price, same picture
        var c = changes.Single(c => c!["deviceId"]!.GetValue<string>() == "shelf-c")!;
        Assert.Null(c["old"]!["price"]); // never had content
        Assert.Equal("2.5", c["new"]!["price"]!.GetValue<string>());
        Assert.Equal(3, dry["changing"]!.GetValue<int>());
        Assert.Equal(1, dry["unchanged"]!.GetValue<int>());
        Assert.False(dry["applied"]!.GetValue<bool>());
        Assert.Equal(before, Snapshot(gw)); // the dry run wrote nothing

        var applied = await Csv(gw, csv, dryRun: false, dry["token"]!.GetValue<string>());
        Assert.True(applied["applied"]!.GetValue<bool>());
        // Each label now holds what the dry run said, decoded from the store; versions moved only where it said "changed".
        foreach (var change in changes)
        {
            string id = change!["deviceId"]!.GetValue<string>();
            var label = Stored(gw, id, out uint version);
            Assert.Equal(change["new"]!["name"]!.GetValue<string>(), label.Name);
            Assert.Equal(change["new"]!["price"]!.GetValue<string>(), ContentMapping.FormatPrice(label.PriceMinor, label.PriceDecimals));
            Assert.Equal(change["new"]!["promo"]!.GetValue<string>(), label.Promo);
            uint from = change["fromVersion"]!.GetValue<uint>();
            Assert.Equal(change["changed"]!.GetValue<bool>() ? from + 1 : from, version);
            var result = applied["result"]!["results"]!.AsArray().SelectMany(r => r!["devices"]!.AsArray()).Single(d => d!["deviceId"]!.GetValue<string>() == id)!;
            Assert.Equal(version, result["version"]!.GetValue<uint>());
        }
        // The rest of the label (currency, decimal mark) is kept.
        Assert.Equal("€", Stored(gw, "shelf-a1", out _).Currency);
    }

    [Fact]
    public async Task Apply_refuses_when_a_label_changed_after_the_dry_run()
    {
        await using var gw = await ApiGateway.StartAsync();
        await ContentApi.ProvisionAsync(gw, "shelf-a", "label", sku: "A");
        await ContentApi.PutOkAsync(gw, "shelf-a", ContentApi.Label("Apples", "2.49"));
        var dry = await Csv(gw, "A,1.99", dryRun: true);
        await ContentApi.PutOkAsync(gw, "shelf-a", ContentApi.Label("Apples", "2.39")); // a colleague saves meanwhile
        var before = Snapshot(gw);
        var conflict = await Csv(gw, "A,1.99", dryRun: false, dry["token"]!.GetValue<string>(), HttpStatusCode.Conflict);
        Assert.Contains("changed since the dry run", conflict["detail"]!.GetValue<string>());
        Assert.Equal(before, Snapshot(gw));
    }

    [Fact]
    public async Task Draft_preview_is_byte_identical_to_the_preview_after_saving_the_same_content()
    {
        await using var gw = await ApiGateway.StartAsync();
        await ContentApi.ProvisionAsync(gw, "shelf-p", "label", panel: "2.9");
        await ContentApi.PutOkAsync(gw, "shelf-p", ContentApi.Label("Old", "1.00"));
        var saved = await gw.Client.GetByteArrayAsync("/api/devices/shelf-p/preview.png");

        const string link = "https://shop.example.com/p/绿茶";
        var draft = ContentApi.Label("绿茶 Green tea", "3.98", link);
        draft["label"]!["promo"] = "-20%";
        using var preview = await gw.Client.PostAsync("/api/devices/shelf-p/content/preview.png",
            new StringContent(draft.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("image/png", preview.Content.Headers.ContentType?.MediaType);
        var draftPng = await preview.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(saved, draftPng);
        // Nothing was saved by previewing.
        Assert.Equal(saved, await gw.Client.GetByteArrayAsync("/api/devices/shelf-p/preview.png"));
        Assert.Equal(1u, gw.Service<ContentStore>().Get("shelf-p")!.Version);

        await ContentApi.PutOkAsync(gw, "shelf-p", draft, ifMatch: "\"1\"");
        var after = await gw.Client.GetByteArrayAsync("/api/devices/shelf-p/preview.png");
        Assert.Equal(after, draftPng);

        // It is a real picture of the code: an independent decoder reads the link from the draft PNG.
        var path = Path.Combine(gw.DataFolder, "draft.png");
        File.WriteAllBytes(path, draftPng);
        Assert.Equal(link, Encoding.UTF8.GetString(Decoders.ZBar(path) ?? Array.Empty<byte>()));
    }

    [Fact]
    public async Task Draft_preview_refuses_bad_content_with_the_same_messages_as_saving()
    {
        await using var gw = await ApiGateway.StartAsync();
        await ContentApi.ProvisionAsync(gw, "shelf-p", "label", panel: "2.13");
        var bad = new JsonObject { ["label"] = new JsonObject { ["name"] = "Tea", ["price"] = "1.2.3", ["codeKind"] = "ean13", ["codeData"] = "12345" } };
        using var preview = await gw.Client.PostAsync("/api/devices/shelf-p/content/preview.png",
            new StringContent(bad.ToJsonString(), Encoding.UTF8, "application/json"));
        using var put = await ContentApi.PutAsync(gw, "shelf-p", bad);
        Assert.Equal(HttpStatusCode.BadRequest, preview.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var previewErrors = (await ContentApi.ReadJsonAsync(preview))["errors"]!;
        Assert.Equal((await ContentApi.ReadJsonAsync(put))["errors"]!.ToJsonString(), previewErrors.ToJsonString());
        Assert.Contains("EAN-13 takes 12 digits", previewErrors["label.codeData"]![0]!.GetValue<string>());

        using var unknown = await gw.Client.PostAsync("/api/devices/nobody/content/preview.png",
            new StringContent(ContentApi.Label("x", "1").ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Tent_draft_preview_at_a_moment_equals_the_saved_preview_at_that_moment()
    {
        await using var gw = await ApiGateway.StartAsync();
        await ContentApi.ProvisionAsync(gw, "tent-p", "tent", panel: "4.2");
        var body = new JsonObject
        {
            ["tent"] = new JsonObject { ["tableName"] = "Table 12", ["headline"] = "Scan to order", ["linkTemplate"] = "https://m.example.com/t?d={device}&c={token}", ["rotationSeconds"] = 60 },
        };
        using var preview = await gw.Client.PostAsync("/api/devices/tent-p/content/preview.png?at=1767225600",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        await ContentApi.PutOkAsync(gw, "tent-p", body);
        Assert.Equal(await gw.Client.GetByteArrayAsync("/api/devices/tent-p/preview.png?at=1767225600"), await preview.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Search_finds_labels_by_sku_name_product_or_code_exact_matches_first()
    {
        await using var gw = await ApiGateway.StartAsync();
        await ContentApi.ProvisionAsync(gw, "shelf-1", "label", sku: "4006381333931", name: "Aisle 3");
        await ContentApi.ProvisionAsync(gw, "shelf-2", "label", sku: "40063813339310", name: "Aisle 4");
        await ContentApi.ProvisionAsync(gw, "shelf-3", "label", name: "Fridge");
        await ContentApi.ProvisionAsync(gw, "tent-1", "tent", name: "Aisle 3 tent");
        await ContentApi.PutOkAsync(gw, "shelf-3", ContentApi.Label("Green Tea", "3.98"));

        async Task<string[]> Find(string q)
        {
            var result = await gw.Client.GetFromJsonAsync<JsonNode>("/api/labels?q=" + Uri.EscapeDataString(q));
            var labels = result!["labels"]!.AsArray();
            Assert.Equal(labels.Count, result["total"]!.GetValue<int>());
            return labels.Select(l => l!["id"]!.GetValue<string>()).ToArray();
        }

        Assert.Equal(new[] { "shelf-1", "shelf-2", "shelf-3" }, await Find("")); // tents are not labels
        Assert.Equal(new[] { "shelf-1", "shelf-2" }, await Find("aisle"));
        Assert.Equal(new[] { "shelf-3" }, await Find("green tea"));
        Assert.Equal(new[] { "shelf-2" }, await Find("40063813339310"));
        Assert.Equal(new[] { "shelf-1", "shelf-2" }, await Find("4006381333931")); // the exact SKU first, then containing
        Assert.Empty(await Find("nothing like this"));
        // A label whose code is the query comes after the label bound to it as SKU, before ones merely containing it.
        await ContentApi.PutOkAsync(gw, "shelf-3", new JsonObject { ["label"] = new JsonObject { ["name"] = "Green Tea", ["price"] = "3.98", ["codeKind"] = "ean13", ["codeData"] = "4006381333931" } });
        Assert.Equal(new[] { "shelf-1", "shelf-3", "shelf-2" }, await Find("4006381333931"));

        var tea = (await gw.Client.GetFromJsonAsync<JsonNode>("/api/labels?q=tea"))!["labels"]![0]!;
        Assert.Equal("Green Tea", tea["productName"]!.GetValue<string>());
        Assert.Equal("3.98", tea["price"]!.GetValue<string>());
        Assert.Equal(2, tea["desiredVersion"]!.GetValue<int>());
        Assert.Equal(0, tea["appliedVersion"]!.GetValue<int>());
        Assert.False(tea["online"]!.GetValue<bool>());
        Assert.Equal("never", tea["presence"]!.GetValue<string>());
        Assert.Equal(3600, tea["wakeIntervalSeconds"]!.GetValue<int>()); // the firmware's default
    }

    [Fact]
    public async Task Find_blinks_a_sleeping_label_when_it_next_wakes_and_an_awake_one_at_once()
    {
        await using var gw = await ApiGateway.StartAsync();
        var identity = await ContentApi.ProvisionAsync(gw, "shelf-f", "label");

        // Asleep (not connected): nothing can be sent now; the request waits.
        using (var asleep = await gw.Client.PostAsync("/api/labels/shelf-f/find", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, asleep.StatusCode);
            Assert.False((await ContentApi.ReadJsonAsync(asleep))["sentNow"]!.GetValue<bool>());
        }
        // It wakes: connects, says hello, and gets the blink.
        await using (var device = await Fixtures.DeviceClient.ConnectAsync(gw.MqttPort, "shelf-f", identity.MqttPassword))
        {
            await device.HelloAsync(0);
            var payload = await device.NextAsync(Devices.Firmware.Core.Protocol.TopicKind.Notify);
            Assert.True(Devices.Firmware.Core.Protocol.NotifyMessage.TryDecode(payload, 0, payload.Length, out var blink).Ok);
            Assert.Equal(Devices.Firmware.Core.Protocol.LedPattern.FastBlink, blink.Led);
            Assert.True(blink.LedCount > 0);

            // Awake: sent at once.
            using var awake = await gw.Client.PostAsync("/api/labels/shelf-f/find", null);
            Assert.True((await ContentApi.ReadJsonAsync(awake))["sentNow"]!.GetValue<bool>());
            await device.NextAsync(Devices.Firmware.Core.Protocol.TopicKind.Notify);
        }
        using var unknown = await gw.Client.PostAsync("/api/labels/nobody/find", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_find_request_for_a_sleeping_label_survives_a_gateway_restart()
    {
        string folder = Path.Combine(Path.GetTempPath(), "gw-find-" + Guid.NewGuid().ToString("N"));
        try
        {
            Devices.Gateway.Registry.ProvisionResult provisioned;
            await using (var first = await ApiGateway.StartAsync("--Storage:DataFolder=" + folder))
            {
                provisioned = first.Service<Devices.Gateway.Registry.IDeviceRegistry>().Provision(
                    new Devices.Gateway.Registry.ProvisionRequest { Id = "shelf-r", Kind = "label" });
                using var asleep = await first.Client.PostAsync("/api/labels/shelf-r/find", null);
                Assert.False((await ContentApi.ReadJsonAsync(asleep))["sentNow"]!.GetValue<bool>());
            }

            await using var second = await ApiGateway.StartAsync("--Storage:DataFolder=" + folder);
            Assert.True(second.Service<LabelFinder>().IsWaiting("shelf-r"));
            await using var device = await Fixtures.DeviceClient.ConnectAsync(second.MqttPort, "shelf-r", provisioned.Identity!.MqttPassword);
            await device.HelloAsync(0);
            var payload = await device.NextAsync(Devices.Firmware.Core.Protocol.TopicKind.Notify);
            Assert.True(Devices.Firmware.Core.Protocol.NotifyMessage.TryDecode(payload, 0, payload.Length, out var blink).Ok);
            Assert.Equal(Devices.Firmware.Core.Protocol.LedPattern.FastBlink, blink.Led);
            // Sent once: the request is gone from memory and from the database.
            Assert.False(second.Service<LabelFinder>().IsWaiting("shelf-r"));
            using var connection = second.Service<GatewayDatabase>().Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM label_find_requests";
            for (int i = 0; i < 100 && (long)command.ExecuteScalar()! != 0; i++) await Task.Delay(20);
            Assert.Equal(0L, (long)command.ExecuteScalar()!);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task Five_hundred_line_file_dry_run_then_apply()
    {
        await using var gw = await ApiGateway.StartAsync();
        var registry = gw.Service<Devices.Gateway.Registry.IDeviceRegistry>();
        for (int i = 0; i < 500; i++)
            registry.Provision(new Devices.Gateway.Registry.ProvisionRequest { Id = "shelf-" + i, Kind = "label", Panel = "2.13", Sku = "SKU-" + i });
        var csv = new StringBuilder("sku,price,name\n");
        for (int i = 0; i < 500; i++) csv.Append("SKU-").Append(i).Append(',').Append(1 + i / 100).Append('.').Append((i % 100).ToString("00")).Append(",Product ").Append(i).Append('\n');

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var dry = await Csv(gw, csv.ToString(), dryRun: true);
        long dryMs = clock.ElapsedMilliseconds;
        Assert.Equal(500, dry["changing"]!.GetValue<int>());
        Assert.Equal(0L, gw.Service<ContentStore>().All().Count);
        clock.Restart();
        var applied = await Csv(gw, csv.ToString(), dryRun: false, dry["token"]!.GetValue<string>());
        output.WriteLine("500 labels: dry run " + dryMs + " ms, apply " + clock.ElapsedMilliseconds + " ms");
        Assert.Equal(500, applied["result"]!["updated"]!.GetValue<int>());
        var label = Stored(gw, "shelf-437", out uint version);
        Assert.Equal(1u, version);
        Assert.Equal("Product 437", label.Name);
        Assert.Equal("5.37", ContentMapping.FormatPrice(label.PriceMinor, label.PriceDecimals));
    }
}

using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Devices.Gateway.Tests.Fixtures;

namespace Devices.Gateway.Tests.StaffConsole;

public class EventStreamTests
{
    /// <summary>Reads server-sent events until one named <paramref name="name"/> satisfies <paramref name="match"/>.</summary>
    private static async Task<JsonNode> NextEventAsync(StreamReader reader, string name, Func<JsonNode, bool> match, CancellationToken ct)
    {
        string? eventName = null;
        while (true)
        {
            var line = await reader.ReadLineAsync(ct) ?? throw new EndOfStreamException("The event stream ended.");
            if (line.StartsWith("event: ", StringComparison.Ordinal)) eventName = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == name)
            {
                var data = JsonNode.Parse(line[6..])!;
                if (match(data)) return data;
            }
            else if (line.Length == 0) eventName = null;
        }
    }

    [Fact]
    public async Task A_device_coming_online_reaches_the_console_as_a_device_event()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        var identity = gw.Gateway.Provision("tent-1");
        await gw.SignInOkAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        using var response = await gw.Browser.GetAsync("/console/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await NextEventAsync(reader, "hello", _ => true, timeout.Token);
        // No waiting: the gateway has taken its first look before "hello", so a change right after it is sent.

        await using var device = await DeviceClient.ConnectAsync(gw.Gateway.MqttPort, "tent-1", identity.MqttPassword);
        await device.HelloAsync(applied: 0);

        var online = await NextEventAsync(reader, "device",
            d => d["id"]!.GetValue<string>() == "tent-1" && d["status"]!["online"]!.GetValue<bool>(), timeout.Token);
        Assert.Equal("tent", online["kind"]!.GetValue<string>());
        Assert.NotNull(online["status"]!["lastSeen"]);
        Assert.NotNull(online["content"]!["desiredVersion"]);
    }

    [Fact]
    public async Task A_rename_reaches_the_console_and_the_stream_needs_a_sign_in()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        gw.Gateway.Provision("tent-1");
        using var anonymous = await gw.Browser.GetAsync("/console/events");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        await gw.SignInOkAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await gw.Browser.GetAsync("/console/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await NextEventAsync(reader, "hello", _ => true, timeout.Token);
        // No waiting after "hello" (see above).

        using var _ = await gw.ConsoleSendAsync(HttpMethod.Patch, "/api/devices/tent-1", new { name = "Garden 2" });
        var renamed = await NextEventAsync(reader, "device", d => d["name"]!.GetValue<string>() == "Garden 2", timeout.Token);
        Assert.Equal("tent-1", renamed["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_scan_reaches_the_console_masked_with_its_delivery_state()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        var identity = gw.Gateway.Provision("tent-1");
        await gw.SignInOkAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await gw.Browser.GetAsync("/console/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await NextEventAsync(reader, "hello", _ => true, timeout.Token);
        // No waiting after "hello" (see above).

        await using var device = await DeviceClient.ConnectAsync(gw.Gateway.MqttPort, "tent-1", identity.MqttPassword);
        await device.HelloAsync(applied: 0);
        await device.ScanAsync(1, "customer-code-98765");

        var scan = await NextEventAsync(reader, "scan", d => d["deviceId"]!.GetValue<string>() == "tent-1", timeout.Token);
        Assert.Equal("…8765", scan["dataMasked"]!.GetValue<string>());
        Assert.DoesNotContain("customer", scan.ToJsonString());
        var delivery = await NextEventAsync(reader, "delivery", d => d["eventId"]!.GetValue<long>() == scan["id"]!.GetValue<long>(), timeout.Token);
        Assert.Contains(delivery["state"]!.GetValue<string>(), new[] { "pending", "retrying", "delivered", "dead" });
    }

    [Fact]
    public async Task An_open_console_does_not_hold_up_stopping_the_gateway()
    {
        var gw = await ConsoleGateway.StartAsync();
        await gw.SignInOkAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await gw.Browser.GetAsync("/console/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await NextEventAsync(reader, "hello", _ => true, timeout.Token);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await gw.DisposeAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"Stopping took {watch.Elapsed.TotalSeconds:F1} s with a console connected.");
    }
}

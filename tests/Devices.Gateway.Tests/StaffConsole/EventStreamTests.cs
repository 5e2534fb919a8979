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
    /// <summary>A signed-in console's event stream, read up to its "hello" (bounded by 20 s in all).</summary>
    private sealed class EventStream : IDisposable
    {
        private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(20));
        private HttpResponseMessage _response = null!;
        private StreamReader _reader = null!;

        public static async Task<EventStream> OpenAsync(ConsoleGateway gw)
        {
            await gw.SignInOkAsync();
            var stream = new EventStream();
            stream._response = await gw.Browser.GetAsync("/console/events", HttpCompletionOption.ResponseHeadersRead, stream._timeout.Token);
            Assert.Equal(HttpStatusCode.OK, stream._response.StatusCode);
            Assert.Equal("text/event-stream", stream._response.Content.Headers.ContentType?.MediaType);
            stream._reader = new StreamReader(await stream._response.Content.ReadAsStreamAsync(stream._timeout.Token));
            await stream.NextAsync("hello", _ => true);
            // No waiting after "hello": the gateway has taken its first look before it, so a change right after is sent.
            return stream;
        }

        /// <summary>Reads events until one named <paramref name="name"/> satisfies <paramref name="match"/>.</summary>
        public async Task<JsonNode> NextAsync(string name, Func<JsonNode, bool> match)
        {
            string? eventName = null;
            while (true)
            {
                var line = await _reader.ReadLineAsync(_timeout.Token) ?? throw new EndOfStreamException("The event stream ended.");
                if (line.StartsWith("event: ", StringComparison.Ordinal)) eventName = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == name)
                {
                    var data = JsonNode.Parse(line[6..])!;
                    if (match(data)) return data;
                }
                else if (line.Length == 0) eventName = null;
            }
        }

        public void Dispose()
        {
            _reader?.Dispose();
            _response?.Dispose();
            _timeout.Dispose();
        }
    }

    [Fact]
    public async Task A_device_coming_online_reaches_the_console_as_a_device_event()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        var identity = gw.Gateway.Provision("tent-1");
        using var events = await EventStream.OpenAsync(gw);

        await using var device = await DeviceClient.ConnectAsync(gw.Gateway.MqttPort, "tent-1", identity.MqttPassword);
        await device.HelloAsync(applied: 0);

        var online = await events.NextAsync("device", d => d["id"]!.GetValue<string>() == "tent-1" && d["status"]!["online"]!.GetValue<bool>());
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

        using var events = await EventStream.OpenAsync(gw);
        using var _ = await gw.ConsoleSendAsync(HttpMethod.Patch, "/api/devices/tent-1", new { name = "Garden 2" });
        var renamed = await events.NextAsync("device", d => d["name"]!.GetValue<string>() == "Garden 2");
        Assert.Equal("tent-1", renamed["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_scan_reaches_the_console_masked_with_its_delivery_state()
    {
        await using var gw = await ConsoleGateway.StartAsync();
        var identity = gw.Gateway.Provision("tent-1");
        using var events = await EventStream.OpenAsync(gw);

        await using var device = await DeviceClient.ConnectAsync(gw.Gateway.MqttPort, "tent-1", identity.MqttPassword);
        await device.HelloAsync(applied: 0);
        await device.ScanAsync(1, "customer-code-98765");

        var scan = await events.NextAsync("scan", d => d["deviceId"]!.GetValue<string>() == "tent-1");
        Assert.Equal("…8765", scan["dataMasked"]!.GetValue<string>());
        Assert.DoesNotContain("customer", scan.ToJsonString());
        var delivery = await events.NextAsync("delivery", d => d["eventId"]!.GetValue<long>() == scan["id"]!.GetValue<long>());
        Assert.Contains(delivery["state"]!.GetValue<string>(), new[] { "pending", "retrying", "delivered", "dead" });
    }

    [Fact]
    public async Task An_open_console_does_not_hold_up_stopping_the_gateway()
    {
        var gw = await ConsoleGateway.StartAsync();
        using var events = await EventStream.OpenAsync(gw);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await gw.DisposeAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"Stopping took {watch.Elapsed.TotalSeconds:F1} s with a console connected.");
    }
}

using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Devices.Gateway.Outbox;
using Devices.Gateway.Relay;
using Devices.Gateway.Tests.Api;
using Devices.Gateway.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Tests.Relay;

/// <summary>The whole gateway (Program.Build) on 127.0.0.1: scans API, dead letters, relay status, demo backend.</summary>
public class ScansApiTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private const string Code = "https://pay.example/t/SECRET-CODE-9876";

    [Fact]
    public async Task Recent_scans_are_masked_and_need_the_api_key()
    {
        await using var gw = await ApiGateway.StartAsync();
        await Append(gw, "tent-01", 1, Code);
        await Append(gw, "tent-01", 2, "short");

        using var anonymous = await gw.Anonymous.GetAsync("/api/scans");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var text = await gw.Client.GetStringAsync("/api/scans?limit=10");
        Assert.DoesNotContain("SECRET", text);
        Assert.DoesNotContain("short", text);
        using var doc = JsonDocument.Parse(text);
        var scans = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(new long[] { 2, 1 }, scans.Select(s => s.GetProperty("seq").GetInt64())); // newest first
        Assert.Equal("…", scans[0].GetProperty("dataMasked").GetString());
        Assert.Equal(5, scans[0].GetProperty("dataLength").GetInt32());
        Assert.Equal("…9876", scans[1].GetProperty("dataMasked").GetString());
        Assert.Equal(Code.Length, scans[1].GetProperty("dataLength").GetInt32());
        Assert.Equal("pending", scans[1].GetProperty("state").GetString()); // no backend configured

        var status = await gw.Client.GetFromJsonAsync<JsonElement>("/api/relay/status");
        Assert.False(status.GetProperty("current").GetProperty("configured").GetBoolean());
        Assert.Equal(2, status.GetProperty("pending").GetInt64());
    }

    [Fact]
    public async Task Dead_letters_are_listed_and_resent_through_the_api()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Failing = true;
        await using var gw = await ApiGateway.StartAsync(receiver.RelayGivingUpAfter(TimeSpan.FromMilliseconds(300)));
        await Append(gw, "tent-01", 1, Code);

        JsonElement dead = default;
        await WaitUntil(async () =>
        {
            var list = await gw.Client.GetFromJsonAsync<JsonElement>("/api/scans/dead-letters");
            if (list.GetArrayLength() == 0) return false;
            dead = list[0];
            return true;
        }, "a dead letter in the API");
        Assert.Equal("dead-letter", dead.GetProperty("state").GetString());
        Assert.Equal("HTTP 500", dead.GetProperty("lastError").GetString());
        long id = dead.GetProperty("id").GetInt64();

        receiver.Failing = false;
        using (var resend = await gw.Client.PostAsync($"/api/scans/dead-letters/{id}/resend", null))
            Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
        using (var again = await gw.Client.PostAsync($"/api/scans/dead-letters/{id}/resend", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
            Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        }
        await WaitUntil(async () =>
        {
            var scans = await gw.Client.GetFromJsonAsync<JsonElement>("/api/scans");
            return scans[0].GetProperty("state").GetString() == "delivered";
        }, "delivered after the re-send");
        Assert.All(receiver.Requests, r => Assert.Equal("scan_tent-01_1", r.Id));
    }

    [Fact]
    public async Task The_demo_backend_receives_verified_webhooks_on_the_gateways_own_port()
    {
        await using var gw = await ApiGateway.StartAsync("--DemoBackend:Enabled=true");
        await Append(gw, "tent-07", 3, "https://demo/t/abc");

        JsonElement received = default;
        await WaitUntil(async () =>
        {
            received = await gw.Anonymous.GetFromJsonAsync<JsonElement>("/demo-backend/events");
            return received.GetProperty("accepted").GetInt64() == 1;
        }, "the demo backend got the scan");
        var scan = received.GetProperty("events")[0].GetProperty("scan");
        Assert.Equal("tent-07", scan.GetProperty("deviceId").GetString());
        Assert.Equal("https://demo/t/abc", scan.GetProperty("data").GetString());
        Assert.Equal("scan_tent-07_3", received.GetProperty("events")[0].GetProperty("webhookId").GetString());

        // A request with a bad signature is refused like a real backend must.
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/demo-backend/webhooks")
        {
            Content = new StringContent("{\"type\":\"scan\"}", Encoding.UTF8, "application/json"),
        };
        forged.Headers.Add("webhook-id", "x");
        forged.Headers.Add("webhook-timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString());
        forged.Headers.Add("webhook-signature", "v1,AAAA");
        using (var refused = await gw.Anonymous.SendAsync(forged))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        // A correctly signed one gets the display message.
        var secret = WebhookSecret.Parse(gw.Service<IOptions<RelayOptions>>().Value.Secret);
        var body = ScanWebhookJson.Single(ScanWebhookEvent.From(new ScanEnvelope("tent-07", 4, 0, 0, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes("x")), null));
        long ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var signed = new HttpRequestMessage(HttpMethod.Post, "/demo-backend/webhooks") { Content = new ByteArrayContent(body) };
        signed.Headers.Add("webhook-id", "scan_tent-07_4");
        signed.Headers.Add("webhook-timestamp", ts.ToString());
        signed.Headers.Add("webhook-signature", WebhookSignature.Sign(secret, "scan_tent-07_4", ts, body));
        using var answer = await gw.Anonymous.SendAsync(signed);
        answer.EnsureSuccessStatusCode();
        var display = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("display");
        Assert.Equal("Thanks!", display.GetProperty("text").GetString());
        Assert.Equal(5, display.GetProperty("seconds").GetInt32());
    }

    private static Task<OutboxAppendResult> Append(ApiGateway gw, string device, long seq, string data) =>
        gw.Service<IScanOutbox>().AppendAsync(new ScanEnvelope(device, seq, 1767225600, 0, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(data)), CancellationToken.None);

    private static async Task WaitUntil(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("Timed out waiting for: " + what);
            await Task.Delay(20);
        }
    }
}

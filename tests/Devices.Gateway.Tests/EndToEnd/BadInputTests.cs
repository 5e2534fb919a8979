using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Mqtt;
using Devices.Gateway.Tests.Fixtures;
using Devices.Gateway.Tests.Relay;
using MQTTnet;
using Xunit.Abstractions;

namespace Devices.Gateway.Tests.EndToEnd;

/// <summary>
/// One gateway takes a barrage of bad input — malformed and oversized MQTT payloads, logins of unknown devices
/// and wrong passwords, ACL violations, bad API bodies — while a good device streams scans. Each bad input gets a
/// clear refusal and is counted (in-process and on /metrics); the gateway keeps serving; every scan it
/// acknowledged reaches the backend.
/// </summary>
public class BadInputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Bad_input_is_refused_and_counted_while_every_acknowledged_scan_is_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var gw = await MqttGateway.StartAsync(["--Relay:Url=" + receiver.Url, "--Relay:Secret=" + RelayHost.Secret]);
        var good = gw.Provision("tent-good");
        var bad = gw.Provision("tent-bad");
        var metrics = gw.Service<MqttMetrics>();
        await using var goodDevice = await DeviceClient.ConnectAsync(gw.MqttPort, "tent-good", good.MqttPassword, subscribe: false);
        await using var badDevice = await DeviceClient.ConnectAsync(gw.MqttPort, "tent-bad", bad.MqttPassword, subscribe: false);

        // The good device streams its scans, one at a time, for as long as the bad input goes on.
        var acked = new ConcurrentQueue<long>();
        using var stop = new CancellationTokenSource();
        var stream = Task.Run(async () =>
        {
            for (uint seq = 1; !stop.IsCancellationRequested; seq++)
            {
                var puback = await goodDevice.ScanAsync(seq, "tent-good/" + seq);
                Assert.Equal(MqttClientPublishReasonCode.Success, puback.ReasonCode);
                acked.Enqueue(seq);
            }
        });

        // Malformed and oversized payloads from a logged-in device: dropped and counted, the connection kept.
        var protocolMax = new byte[4 + 2 + ScanMessage.MaxDataBytes + 1];
        protocolMax[0] = 1; protocolMax[1] = 1; // version 1, seq 1, unix time 0, age 0
        protocolMax[4] = 0x81; protocolMax[5] = 0x08; // data length 1025 (varint), one over the protocol's limit, all present
        var malformed = new (TopicKind Kind, byte[] Payload)[]
        {
            (TopicKind.Scan, [1, 0x80]),                                   // truncated
            (TopicKind.Scan, Enumerable.Repeat((byte)0xFF, 200).ToArray()), // garbage
            (TopicKind.Scan, protocolMax),                                 // scan data over 1024 bytes
            (TopicKind.Scan, Enumerable.Repeat((byte)0xFF, 1 << 20).ToArray()), // 1 MB
            (TopicKind.Hello, new byte[256 * 1024]),                       // 256 KB of zeros
            (TopicKind.Ack, []),                                           // empty
        };
        foreach (var (kind, payload) in malformed) await badDevice.PublishAsync(kind, payload);
        Assert.Equal(malformed.Length, metrics.Malformed);
        Assert.True(badDevice.Client.IsConnected, "the device that sent bad payloads is still connected");

        // ACL: another device's uplinks (a scan that would land in tent-good's stream) and everything's downlinks.
        var foreign = await badDevice.PublishAsync("dev/tent-good/scan", new ScanMessage { Seq = 1_000_000, Data = "forged"u8.ToArray() }.Encode());
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, foreign.ReasonCode);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await badDevice.SubscribeAsync("#"));
        Assert.Equal(2, metrics.AclRefusals);

        // Logins: an unknown device, and a wrong password for the good device (which must not be taken over).
        await using (var unknown = new DeviceClient("tent-nobody"))
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await unknown.TryConnectAsync(gw.MqttPort, good.MqttPassword)).ResultCode);
        await using (var impostor = new DeviceClient("tent-good"))
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await impostor.TryConnectAsync(gw.MqttPort, bad.MqttPassword)).ResultCode);
        Assert.Equal(2, metrics.RefusedLogins);
        Assert.True(goodDevice.Client.IsConnected, "the good device kept its session");

        // Bad API bodies: 4xx problem details with one clear sentence, never a 500.
        int badRequests = 0;
        async Task ExpectProblem(HttpResponseMessage response, HttpStatusCode status, string mention)
        {
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == status, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode} {text}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains(mention, JsonNode.Parse(text)!["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
                if (status == HttpStatusCode.BadRequest) badRequests++;
            }
        }
        StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
        await ExpectProblem(await gw.Api.PostAsync("/api/devices", Json("{\"id\":")), HttpStatusCode.BadRequest, "not valid JSON");
        await ExpectProblem(await gw.Api.PostAsync("/api/devices", Json(new string('[', 10_000) + new string(']', 10_000))), HttpStatusCode.BadRequest, "not valid JSON");
        await ExpectProblem(await gw.Api.PostAsJsonAsync("/api/devices", new JsonObject { ["id"] = "Bad Id!", ["kind"] = "tent" }), HttpStatusCode.BadRequest, "id");
        await ExpectProblem(await gw.Api.PutAsync("/api/devices/tent-good/content", Json("{\"tent\":{\"tableNmae\":\"T1\"}}")), HttpStatusCode.BadRequest, "tableNmae");
        await ExpectProblem(await gw.Api.PutAsync("/api/devices/tent-nobody/content", Json("{\"tent\":{\"tableName\":\"T1\"}}")), HttpStatusCode.NotFound, "tent-nobody");

        // Still serving: health, the bad device's own good scan, and the good stream.
        using (var health = await gw.Api.GetAsync("/health")) Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, (await badDevice.ScanAsync(1, "tent-bad/1")).ReasonCode);
        int before = acked.Count;
        await Poll.UntilAsync(() => acked.Count >= before + 20, "the good device still streaming", 15_000);
        stop.Cancel();
        await stream.WaitAsync(TimeSpan.FromSeconds(15));

        // Nothing accepted is lost: every PUBACKed scan is in the outbox once and reaches the backend, signed, once per webhook-id.
        var expected = acked.Select(s => ("tent-good", s)).Append(("tent-bad", 1L)).ToHashSet();
        Assert.Equal(expected.OrderBy(x => x), gw.OutboxRows().Select(r => (r.Device, r.Seq)).OrderBy(x => x));
        await receiver.WaitAsync(r => r.SelectMany(DeliveryLedger.Parse).Select(s => (s.DeviceId, s.Seq)).ToHashSet().SetEquals(expected),
            TimeSpan.FromSeconds(20), $"the {expected.Count} acknowledged scans delivered");
        DeliveryLedger.AssertSignedAndExactlyOnce(RelayHost.Secret, receiver.Requests, singleScanBodies: true);
        Assert.All(receiver.Requests.SelectMany(DeliveryLedger.Parse), s => Assert.Equal(s.DeviceId + "/" + s.Seq, s.Data));

        // Counted where an operator looks: the Prometheus endpoint.
        string scrape = "";
        await Poll.UntilAsync(() =>
        {
            scrape = gw.Api.GetStringAsync("/metrics").GetAwaiter().GetResult();
            return Sum(scrape, "devices_mqtt_acl_refusals_total") >= 2 && Sum(scrape, "http_server_request_duration_seconds_count", "http_response_status_code=\"400\"") >= badRequests;
        }, "the refusals on /metrics", 15_000);
        Assert.Equal(malformed.Length, Sum(scrape, "devices_mqtt_malformed_total"));
        Assert.Equal(2, Sum(scrape, "devices_mqtt_acl_refusals_total"));
        Assert.Equal(2, Sum(scrape, "devices_mqtt_refused_logins_total"));
        Assert.Equal(badRequests, Sum(scrape, "http_server_request_duration_seconds_count", "http_response_status_code=\"400\""));
        output.WriteLine($"{acked.Count} good scans streamed through {malformed.Length} malformed payloads, 2 ACL violations, 2 refused logins, {badRequests} bad API bodies");
    }

    /// <summary>Sum of a Prometheus metric's samples (optionally only those whose labels contain <paramref name="label"/>).</summary>
    private static long Sum(string scrape, string metric, string? label = null)
    {
        long sum = 0;
        foreach (var line in scrape.Split('\n'))
        {
            if (!Regex.IsMatch(line, "^" + metric + "[{ ]") || (label != null && !line.Contains(label))) continue;
            int labelsEnd = line.LastIndexOf('}'); // label values may hold braces (routes)
            var fields = line[(labelsEnd < 0 ? metric.Length : labelsEnd + 1)..].Trim().Split(' '); // value [timestamp]
            sum += (long)double.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        return sum;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Outbox;
using Devices.Gateway.Relay;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Devices.Gateway.Tests.Relay;

/// <summary>The relay against real HTTP receivers on 127.0.0.1.</summary>
public class ScanRelayTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private static readonly byte[] Key = Convert.FromBase64String("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    [Fact]
    public async Task Scans_arrive_signed_in_order_with_the_documented_body()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var relay = await RelayHost.StartAsync(receiver.Url);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (int seq = 1; seq <= 3; seq++) await relay.AppendAsync("tent-01", seq, "https://ex.am/t/" + seq);
        await relay.Outbox.AppendAsync(new ScanEnvelope("tent-02", 1, 0, 1500, DateTimeOffset.UtcNow, new byte[] { 0xff, 0x00, 0x41 }), default);

        var got = await receiver.WaitAsync(r => r.Count >= 4, Wait, "4 webhooks");
        var tent1 = got.Where(r => r.Events[0].DeviceId == "tent-01").ToList();
        Assert.Equal(new long[] { 1, 2, 3 }, tent1.Select(r => r.Events[0].Seq));
        foreach (var r in got)
        {
            // Independent HMAC over "{id}.{timestamp}.{body}" with the decoded secret.
            var signed = Encoding.UTF8.GetBytes($"{r.Id}.{r.Timestamp}.").Concat(r.Body).ToArray();
            Assert.Equal("v1," + Convert.ToBase64String(HMACSHA256.HashData(Key, signed)), r.Signature);
            Assert.InRange(long.Parse(r.Timestamp), before.ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
            var e = Assert.Single(r.Events);
            Assert.Equal($"scan_{e.DeviceId}_{e.Seq}", r.Id);
        }
        using (var doc = System.Text.Json.JsonDocument.Parse(tent1[1].Body))
        {
            var root = doc.RootElement;
            Assert.Equal("scan", root.GetProperty("type").GetString());
            Assert.Equal("tent-01", root.GetProperty("deviceId").GetString());
            Assert.Equal(2, root.GetProperty("seq").GetInt64());
            Assert.Equal("https://ex.am/t/2", root.GetProperty("data").GetString());
            Assert.Equal("utf8", root.GetProperty("dataEncoding").GetString());
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225602), root.GetProperty("scannedAt").GetDateTimeOffset());
            Assert.False(root.GetProperty("scannedAtEstimated").GetBoolean());
        }
        var binary = got.Single(r => r.Events[0].DeviceId == "tent-02").Events[0];
        Assert.Equal("base64", binary.DataEncoding);
        Assert.Equal(new byte[] { 0xff, 0x00, 0x41 }, binary.DataBytes());
        Assert.True(binary.ScannedAtEstimated);
        Assert.InRange((binary.ReceivedAt - binary.ScannedAt).TotalMilliseconds, 1499, 1501);

        await WaitUntil(() => relay.Outbox.PendingCount() == 0, "all delivered");
        Assert.All(relay.Outbox.Recent(10), e => Assert.Equal(OutboxEventState.Delivered, e.State));
    }

    [Fact]
    public async Task A_500_is_retried_with_the_same_webhook_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        int calls = 0;
        receiver.Answer = _ => ++calls == 1 ? Results.StatusCode(500) : Results.Ok();
        await using var relay = await RelayHost.StartAsync(receiver.Url);
        await relay.AppendAsync("tent-01", 7, "A");

        var got = await receiver.WaitAsync(r => r.Count >= 2, Wait, "a retry");
        Assert.Equal("scan_tent-01_7", got[0].Id);
        Assert.Equal(got[0].Id, got[1].Id);
        Assert.Equal(got[0].Body, got[1].Body);
        await WaitUntil(() => relay.Outbox.PendingCount() == 0, "delivered after the retry");
        var e = Assert.Single(relay.Outbox.Recent(5));
        Assert.Equal(OutboxEventState.Delivered, e.State);
        Assert.Equal(1, e.Attempts);
    }

    [Fact]
    public async Task Retry_after_is_honoured()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        int calls = 0;
        receiver.Answer = _ =>
        {
            if (++calls > 1) return Results.Ok();
            return new Answer(503, h => h["Retry-After"] = "2");
        };
        await using var relay = await RelayHost.StartAsync(receiver.Url); // backoff base 20 ms: only Retry-After explains a long wait
        await relay.AppendAsync("tent-01", 1, "A");

        var got = await receiver.WaitAsync(r => r.Count >= 2, Wait, "the retry after Retry-After");
        var gap = got[1].At - got[0].At;
        Assert.True(gap >= TimeSpan.FromSeconds(2), $"retried after {gap.TotalMilliseconds} ms, asked 2000");
        Assert.True(gap < TimeSpan.FromSeconds(4), $"retried after {gap.TotalMilliseconds} ms, much later than asked");
    }

    [Fact]
    public async Task A_410_disables_the_endpoint_until_enabled()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        bool gone = true;
        receiver.Answer = _ => gone ? Results.StatusCode(410) : Results.Ok();
        await using var relay = await RelayHost.StartAsync(receiver.Url);
        await relay.AppendAsync("tent-01", 1, "A");
        await receiver.WaitAsync(r => r.Count >= 1, Wait, "the first attempt");
        await WaitUntil(() => relay.Status.Disabled, "disabled");

        for (int seq = 2; seq <= 5; seq++) await relay.AppendAsync("tent-0" + seq, seq, "B");
        await Task.Delay(1500);
        Assert.Single(receiver.Requests);
        Assert.Equal(5, relay.Outbox.PendingCount());
        var health = await new RelayHealthCheck(relay.Status).CheckHealthAsync(new HealthCheckContext(), default);
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("410", health.Description);

        gone = false;
        relay.Status.Enable();
        relay.Service<ScanRelay>().Wake();
        await receiver.WaitAsync(r => r.Select(x => x.Id).Distinct().Count() == 5, Wait, "everything after re-enabling");
        await WaitUntil(() => relay.Outbox.PendingCount() == 0, "all delivered");
    }

    [Fact]
    public async Task A_failing_device_waits_in_order_while_others_go_on()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        int aFailures = 0;
        receiver.Answer = r => r.Events[0].DeviceId == "dev-a" && r.Events[0].Seq == 1 && ++aFailures <= 4
            ? Results.StatusCode(500) : Results.Ok();
        await using var relay = await RelayHost.StartAsync(receiver.Url);
        for (int seq = 1; seq <= 3; seq++)
        {
            await relay.AppendAsync("dev-a", seq, "a" + seq);
            await relay.AppendAsync("dev-b", seq, "b" + seq);
        }

        var got = await receiver.WaitAsync(r => r.Count(x => x.Id.StartsWith("scan_dev-a")) >= 7, Wait, "dev-a's 4 failures and 3 deliveries");
        var a = got.Where(x => x.Events[0].DeviceId == "dev-a").Select(x => x.Events[0].Seq).ToList();
        Assert.Equal(new long[] { 1, 1, 1, 1, 1, 2, 3 }, a); // 2 never before 1 was accepted
        var b = got.Where(x => x.Events[0].DeviceId == "dev-b").ToList();
        Assert.Equal(new long[] { 1, 2, 3 }, b.Select(x => x.Events[0].Seq));
        var aAccepted = got.Where(x => x.Id == "scan_dev-a_1").Last().At;
        Assert.True(b.Last().At < aAccepted, "dev-b was held up by dev-a");
    }

    [Fact]
    public async Task After_the_horizon_an_event_is_a_dead_letter_and_can_be_resent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        bool failing = true;
        receiver.Answer = r => failing && r.Events[0].Seq == 1 ? Results.StatusCode(500) : Results.Ok();
        await using var relay = await RelayHost.StartAsync(receiver.Url, "Relay:RetryHorizon=00:00:00.300", "Relay:RetryCap=00:00:00.050");
        await relay.AppendAsync("tent-01", 1, "first");
        await relay.AppendAsync("tent-01", 2, "second");

        await WaitUntil(() => relay.Outbox.DeadLetters(10).Count == 1, "a dead letter");
        var dead = Assert.Single(relay.Outbox.DeadLetters(10));
        Assert.Equal(1, dead.Scan.Seq);
        Assert.Equal("HTTP 500", dead.LastError);
        Assert.True(dead.Attempts >= 2);
        // The device's next event is no longer held back.
        await receiver.WaitAsync(r => r.Any(x => x.Id == "scan_tent-01_2"), Wait, "seq 2 after seq 1 died");
        int attemptsBefore = receiver.Requests.Count(x => x.Id == "scan_tent-01_1");
        await Task.Delay(300);
        Assert.Equal(attemptsBefore, receiver.Requests.Count(x => x.Id == "scan_tent-01_1")); // given up: no more tries

        failing = false;
        Assert.True(await relay.Outbox.ResendAsync(dead.Id));
        Assert.False(await relay.Outbox.ResendAsync(dead.Id)); // no longer a dead letter
        await receiver.WaitAsync(r => r.Count(x => x.Id == "scan_tent-01_1") == attemptsBefore + 1, Wait, "the re-sent event");
        await WaitUntil(() => relay.Outbox.PendingCount() == 0 && relay.Outbox.DeadLetters(10).Count == 0, "delivered");
    }

    [Fact]
    public async Task The_backends_display_message_reaches_the_device_feedback()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = r => r.Events[0].Seq == 4
            ? Results.Json(new { display = new { text = "Paid", seconds = 7, outcome = "accepted" } })
            : Results.Json(new { ok = true });
        await using var relay = await RelayHost.StartAsync(receiver.Url);
        await relay.AppendAsync("tent-09", 3, "x");
        await relay.AppendAsync("tent-09", 4, "y");

        await WaitUntil(() => relay.Outbox.PendingCount() == 0 && !relay.Feedback.IsEmpty, "feedback");
        var feedback = Assert.Single(relay.Feedback);
        Assert.Equal(new DeviceFeedback("tent-09", 4, "Paid", 7, ScanOutcome.Accepted), feedback);
        var notify = feedback.ToNotify();
        Assert.Equal(4u, notify.ScanSeq);
        var bytes = notify.Encode();
        Assert.True(NotifyMessage.TryDecode(bytes, 0, bytes.Length, out var decoded).Ok);
        Assert.Equal("Paid", decoded.Text);
    }

    [Fact]
    public async Task Batches_keep_each_devices_order_and_retry_with_the_same_id_and_content()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        int calls = 0;
        receiver.Answer = r => ++calls == 1 ? Results.StatusCode(500) : Results.Json(new
        {
            results = r.Events.Select(e => new { e.DeviceId, e.Seq, display = new { text = "ok " + e.Seq } }),
        });
        await using var relay = await RelayHost.StartAsync(receiver.Url, "Relay:BatchSize=10", "Relay:MaxConcurrentRequests=1");
        var appends = new List<Task>();
        for (int seq = 1; seq <= 8; seq++)
            foreach (var device in new[] { "l-1", "l-2", "l-3" })
                appends.Add(relay.AppendAsync(device, seq, device + "/" + seq));
        await Task.WhenAll(appends);

        await WaitUntil(() => relay.Outbox.PendingCount() == 0, "all 24 delivered");
        var got = receiver.Requests;
        Assert.True(got.Count < 24, $"{got.Count} requests for 24 scans");
        // The failed batch is retried as it was (devices not in it may go first).
        var retry = Assert.Single(got.Skip(1), r => r.Id == got[0].Id);
        Assert.Equal(got[0].Events.Select(e => (e.DeviceId, e.Seq)), retry.Events.Select(e => (e.DeviceId, e.Seq)));
        Assert.StartsWith("batch_", got[0].Id);
        var delivered = got.Skip(1).SelectMany(r => r.Events).ToList();
        Assert.Equal(24, delivered.Count);
        foreach (var device in new[] { "l-1", "l-2", "l-3" })
            Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), delivered.Where(e => e.DeviceId == device).Select(e => e.Seq));
        Assert.Equal(24, relay.Feedback.Count);
        Assert.All(relay.Feedback, f => Assert.Equal("ok " + f.ScanSeq, f.Text));
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("Timed out waiting for: " + what);
            await Task.Delay(10);
        }
    }

    /// <summary>A status code with extra headers.</summary>
    private sealed class Answer(int status, Action<IHeaderDictionary> headers) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            headers(context.Response.Headers);
            return Task.CompletedTask;
        }
    }
}

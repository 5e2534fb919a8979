using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Devices.Gateway.Tests.Api;
using Devices.Gateway.Tests.Content;
using Devices.Gateway.Tests.Relay;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace Devices.Gateway.Tests.EndToEnd;

/// <summary>
/// The backend answers 500 to everything for a full minute while four simulated table tents (the real
/// TableTentApp over MQTT through the embedded broker) keep scanning; then it recovers. Nothing is lost, every
/// scan is accepted exactly once per webhook-id, each device's scans are accepted in scan order, and the relay's
/// backoff shows: many spaced attempts of each device's oldest scan, counted the same by the backend and the API.
/// </summary>
public class BackendOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RetryBase = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RetryCap = TimeSpan.FromSeconds(2);
    private const int TentCount = 4;

    [Fact]
    public async Task A_minute_of_500s_loses_nothing_and_delivers_afterwards_in_per_device_order()
    {
        var watch = Stopwatch.StartNew();
        int failing = 0;
        var answers = new Dictionary<WebhookReceiver.Received, int>(ReferenceEqualityComparer.Instance);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = r =>
        {
            int status = Volatile.Read(ref failing) == 1 ? 500 : 200;
            lock (answers) answers[r] = status;
            return Results.StatusCode(status);
        };
        await using var gw = await ApiGateway.StartAsync("--Relay:Url=" + receiver.Url, "--Relay:Secret=" + RelayHost.Secret,
            "--Relay:RetryBase=" + RetryBase, "--Relay:RetryCap=" + RetryCap, "--Relay:RetryHorizon=01:00:00");
        var tents = new List<Tents>();
        try
        {
            for (int i = 0; i < TentCount; i++)
                tents.Add(await Tents.StartAsync(gw, await ContentApi.ProvisionAsync(gw, "tent-out-" + i, "tent")));
            var scanned = tents.ToDictionary(t => t.Host.Id, _ => new List<string>());
            void ScanAll(string phase, int i)
            {
                foreach (var t in tents)
                {
                    string text = t.Host.Id + "/" + phase + "-" + i;
                    scanned[t.Host.Id].Add(text);
                    t.Host.Scanner.Scan(text);
                }
            }
            List<DeliveredScan> Accepted() => receiver.Requests.Where(r => Answer(r) == 200).SelectMany(DeliveryLedger.Parse).ToList();
            int Answer(WebhookReceiver.Received r) { lock (answers) return answers.GetValueOrDefault(r); }
            int Total() => scanned.Values.Sum(l => l.Count);
            // Which seq a scan gets is the tent's business (1, 2, ... from a fresh flash); the data check below ties them.
            List<(string, long)> Expected() => tents.SelectMany(t => Enumerable.Range(1, scanned[t.Host.Id].Count).Select(seq => (t.Host.Id, (long)seq))).ToList();

            for (int i = 0; i < 3; i++) ScanAll("before", i);
            await DeliveryLedger.WaitForAllAsync(receiver, Expected(), TimeSpan.FromSeconds(20), r => Answer(r) == 200);
            output.WriteLine($"outage starts at {watch.Elapsed.TotalSeconds:F1} s");

            // The outage: a scan per tent every 500 ms, all through the broker into the outbox, none accepted.
            Volatile.Write(ref failing, 1);
            var outage = Stopwatch.StartNew();
            int n = 0;
            JsonElement duringOutage = default;
            while (outage.Elapsed < Outage)
            {
                ScanAll("during", n++);
                if (n == 100) duringOutage = await gw.Client.GetFromJsonAsync<JsonElement>("/api/scans?limit=1000"); // ~50 s in
                await Task.Delay(500);
            }
            Volatile.Write(ref failing, 0);
            var recovered = DateTimeOffset.UtcNow;
            for (int i = 0; i < 3; i++) ScanAll("after", i);

            int total = Total();
            await DeliveryLedger.WaitForAllAsync(receiver, Expected(), TimeSpan.FromSeconds(20), r => Answer(r) == 200);
            output.WriteLine($"{total} scans, {receiver.Requests.Count} requests, all accepted {(DateTimeOffset.UtcNow - recovered).TotalSeconds:F1} s after the recovery, {watch.Elapsed.TotalSeconds:F1} s in all");

            var requests = receiver.Requests;
            DeliveryLedger.AssertSignedAndExactlyOnce(RelayHost.Secret, requests, singleScanBodies: true);

            // Nothing lost, nothing invented, each device's scans accepted in the order they were scanned.
            var accepted = Accepted();
            foreach (var t in tents)
            {
                var first = accepted.Where(s => s.DeviceId == t.Host.Id).GroupBy(s => s.Seq).Select(g => g.First()).ToList();
                Assert.Equal(scanned[t.Host.Id], first.Select(s => s.Data).ToList());
                Assert.True(first.Zip(first.Skip(1)).All(p => p.Second.Seq > p.First.Seq), t.Host.Id + ": seq increases in acceptance order");
                Assert.Null(t.Host.Fault);
                Assert.Equal(0u, t.Host.Read(a => a.DroppedScans));
            }

            // The retry schedule: each device's oldest scan at the outage is tried again and again, with backoff.
            var failed = requests.Where(r => Answer(r) == 500).ToList();
            var gaps = new List<(int Attempt, double Ms)>();
            var headIds = new Dictionary<string, string>();
            foreach (var t in tents)
            {
                var attempts = failed.Where(r => DeliveryLedger.Parse(r)[0].DeviceId == t.Host.Id).ToList();
                var ids = attempts.Select(r => r.Id).Distinct().ToList();
                // Per-device order: only the head is offered, so one webhook-id is refused all minute long.
                Assert.True(ids.Count == 1, $"{t.Host.Id}: refused webhook-ids {string.Join(", ", ids)}");
                headIds[t.Host.Id] = ids[0];
                // Full jitter under a 2 s cap: ~1 s apart on average, so ~60 tries; a relay without backoff makes thousands.
                Assert.InRange(attempts.Count, 15, 300);
                for (int i = 1; i < attempts.Count; i++) gaps.Add((i, (attempts[i].At - attempts[i - 1].At).TotalMilliseconds));
                output.WriteLine($"{t.Host.Id}: {attempts.Count} refused attempts of {ids[0]}");
            }
            double early = gaps.Where(g => g.Attempt <= 3).Average(g => g.Ms);
            double late = gaps.Where(g => g.Attempt >= 10).Average(g => g.Ms);
            output.WriteLine($"mean gap: attempts 1-3 {early:F0} ms, from 10 on {late:F0} ms, longest {gaps.Max(g => g.Ms):F0} ms");
            Assert.True(early < late / 2, $"backoff grows: mean gap {early:F0} ms early, {late:F0} ms later");
            Assert.InRange(late, 300, RetryCap.TotalMilliseconds * 0.9); // uniform in [0, 2 s) averages 1 s

            // The API shows the same schedule: the waiting head with its attempts and next try, then the attempts kept.
            foreach (var t in tents)
            {
                var head = duringOutage.EnumerateArray().Single(s => s.GetProperty("deviceId").GetString() == t.Host.Id && s.GetProperty("attempts").GetInt32() > 0);
                Assert.Equal("pending", head.GetProperty("state").GetString());
                Assert.Equal("HTTP 500", head.GetProperty("lastError").GetString());
                Assert.NotEqual(JsonValueKind.Null, head.GetProperty("nextAttemptAt").ValueKind);
            }
            var after = await gw.Client.GetFromJsonAsync<JsonElement>("/api/scans?limit=1000");
            Assert.All(after.EnumerateArray(), s => Assert.Equal("delivered", s.GetProperty("state").GetString()));
            foreach (var t in tents)
            {
                var retried = after.EnumerateArray().Where(s => s.GetProperty("deviceId").GetString() == t.Host.Id && s.GetProperty("attempts").GetInt32() > 0).ToList();
                var head = Assert.Single(retried);
                int refusals = failed.Count(r => r.Id == headIds[t.Host.Id]);
                Assert.Equal(refusals, head.GetProperty("attempts").GetInt32());
                var refused = DeliveryLedger.Parse(failed.First(r => r.Id == headIds[t.Host.Id]))[0];
                Assert.Equal(refused.Seq, head.GetProperty("seq").GetInt64());
            }
        }
        finally
        {
            foreach (var t in tents) await t.DisposeAsync();
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Devices.Gateway.Tests.Fixtures;
using Devices.Gateway.Tests.Relay;
using Devices.TestSupport;
using Microsoft.AspNetCore.Http;
using MQTTnet;
using Xunit.Abstractions;

namespace Devices.Gateway.Tests.EndToEnd;

/// <summary>
/// The whole gateway as its own process, SIGKILLed in the middle of a stream of scans from 8 MQTT devices and
/// started again on the same data folder: every scan the gateway PUBACKed reaches the webhook receiver.
/// </summary>
public class GatewayKillTests(ITestOutputHelper output)
{
    private const int Devices = 8;
    private const int ScansPerDevice = 2_500; // 20,000 in all
    private const string Key = "kill-test-key-0123456789abcdef";

    [Fact]
    public Task Every_puback_ed_scan_is_delivered_after_the_gateway_is_killed_and_restarted() => KillAndRestartAsync(batchSize: 1);

    /// <summary>
    /// Batched webhooks: a batch's id is stored on its rows before it is sent, so a batch the backend received but the
    /// killed gateway had not marked delivered goes out again under the same webhook-id.
    /// </summary>
    [Fact]
    public Task Batched_redeliveries_after_a_kill_keep_their_webhook_id() => KillAndRestartAsync(batchSize: 50);

    /// <summary>With batches, requests hold several devices' scans, so fewer than one per device may be in flight.</summary>
    private async Task KillAndRestartAsync(int batchSize)
    {
        int heldAtKill = batchSize == 1 ? Devices : 1;
        var watch = Stopwatch.StartNew();
        await using var receiver = await WebhookReceiver.StartAsync();
        // Just before the kill the backend holds its answers, so every device has a webhook the backend has seen
        // but the gateway has not marked delivered: the restarted gateway must send those again, same webhook-id.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int holding = 0, held = 0;
        receiver.Answer = _ =>
        {
            if (Volatile.Read(ref holding) == 0) return Results.Ok();
            Interlocked.Increment(ref held);
            return new HeldAnswer(release.Task);
        };
        var folder = Path.Combine(Path.GetTempPath(), "gw-kill-" + Guid.NewGuid().ToString("N"));
        int httpPort = FreePort.Next(), mqttPort = FreePort.Next();
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + httpPort), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var acked = new ConcurrentDictionary<(string, long), bool>();
        var next = new long[Devices];
        var passwords = new string[Devices];
        Process? gateway = null;
        try
        {
            gateway = await StartGatewayAsync(folder, httpPort, mqttPort, receiver.Url, http, batchSize);
            for (int d = 0; d < Devices; d++)
            {
                using var response = await http.PostAsJsonAsync("/api/devices", new JsonObject { ["id"] = Id(d), ["kind"] = "tent", ["panel"] = "2.9" });
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, "provisioning: " + text);
                passwords[d] = JsonNode.Parse(text)!["mqtt"]!["password"]!.GetValue<string>();
                next[d] = 1;
            }

            // First run: stream until about half is acknowledged, then SIGKILL while the devices keep publishing.
            using (var stop = new CancellationTokenSource())
            {
                var streams = Enumerable.Range(0, Devices).Select(d => Task.Run(() => StreamAsync(d, mqttPort, passwords[d], next, acked, stop.Token))).ToArray();
                await Poll.UntilAsync(() => acked.Count >= Devices * ScansPerDevice / 2, "half the scans acknowledged", 60_000);
                Volatile.Write(ref holding, 1);
                await Poll.UntilAsync(() => Volatile.Read(ref held) >= heldAtKill, $"{heldAtKill} webhook(s) seen by the backend, unanswered", 15_000);
                gateway.Kill(); // SIGKILL: no shutdown, no flush
                await gateway.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                Volatile.Write(ref holding, 0);
                release.SetResult();
                int atKill = acked.Count;
                stop.Cancel();
                await Task.WhenAll(streams).WaitAsync(TimeSpan.FromSeconds(30));
                output.WriteLine($"killed after {atKill} PUBACKs at {watch.Elapsed.TotalSeconds:F1} s");
            }
            gateway.Dispose();

            // Second run on the same folder; the devices resend their unacknowledged scan (same seq) and finish.
            gateway = await StartGatewayAsync(folder, httpPort, mqttPort, receiver.Url, http, batchSize);
            var rest = Enumerable.Range(0, Devices).Select(d => Task.Run(() => StreamAsync(d, mqttPort, passwords[d], next, acked, CancellationToken.None))).ToArray();
            await Task.WhenAll(rest).WaitAsync(TimeSpan.FromSeconds(90));
            Assert.Equal(Devices * ScansPerDevice, acked.Count);

            // Read as the backend would: bodies parsed and signatures checked by our own code (DeliveryLedger).
            await DeliveryLedger.WaitForAllAsync(receiver, acked.Keys.ToList(), TimeSpan.FromSeconds(90));
            await Task.Delay(500); // let a redelivery still under way arrive, so the checks below see it
            var all = receiver.Requests;
            var scans = all.SelectMany(DeliveryLedger.Parse).ToList();
            foreach (var s in scans) Assert.Equal(s.DeviceId + "/" + s.Seq, s.Data);
            // Redeliveries after the kill are allowed, but only under the webhook-id the scan had the first time.
            DeliveryLedger.AssertSignedAndExactlyOnce(RelayHost.Secret, all, singleScanBodies: batchSize == 1);
            int duplicates = scans.Count - scans.Select(s => (s.DeviceId, s.Seq)).Distinct().Count();
            output.WriteLine($"{acked.Count} scans, {all.Count} webhook requests ({duplicates} redeliveries), done in {watch.Elapsed.TotalSeconds:F1} s");
            Assert.True(duplicates >= heldAtKill, $"the {heldAtKill} webhook(s) held at the kill were sent again ({duplicates} redeliveries)");
        }
        finally
        {
            if (gateway is { HasExited: false }) gateway.Kill();
            gateway?.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }

    private static string Id(int d) => "kill-" + d;

    /// <summary>A 200 sent only once released (or after 10 s): the request stays in flight until then.</summary>
    private sealed class HeldAnswer(Task release) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            await Task.WhenAny(release, Task.Delay(10_000));
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
    }

    /// <summary>One device publishing its scans in order, one at a time, recording each PUBACK; stops at the first failure.</summary>
    private static async Task StreamAsync(int d, int port, string password, long[] next, ConcurrentDictionary<(string, long), bool> acked, CancellationToken stop)
    {
        DeviceClient device;
        try { device = await DeviceClient.ConnectAsync(port, Id(d), password, subscribe: false); }
        catch (Exception) when (stop.IsCancellationRequested) { return; }
        await using (device)
        {
            while (next[d] <= ScansPerDevice && !stop.IsCancellationRequested)
            {
                long seq = next[d];
                MqttClientPublishResult result;
                try { result = await device.ScanAsync((uint)seq, Id(d) + "/" + seq); }
                catch (Exception) { return; } // the gateway is gone
                if (!result.IsSuccess) throw new InvalidOperationException($"{Id(d)} seq {seq}: PUBACK {result.ReasonCode}");
                acked[(Id(d), seq)] = true;
                next[d] = seq + 1;
            }
        }
    }

    private static async Task<Process> StartGatewayAsync(string folder, int httpPort, int mqttPort, Uri receiver, HttpClient http, int batchSize)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Devices.Gateway.dll");
        Assert.True(File.Exists(dll), "the gateway was not built next to the tests: " + dll);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = false, RedirectStandardError = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var a in new[]
        {
            dll, "--urls=http://127.0.0.1:" + httpPort, "--Storage:DataFolder=" + folder,
            "--Api:Keys:0:Name=tests", "--Api:Keys:0:Key=" + Key, "--Logging:LogLevel:Default=Warning",
            "--Mqtt:BindAddress=127.0.0.1", "--Mqtt:Port=" + mqttPort,
            "--Relay:Url=" + receiver, "--Relay:BatchSize=" + batchSize, "--Relay:Secret=" + RelayHost.Secret, "--Relay:RetryBase=00:00:00.020", "--Relay:RetryCap=00:00:00.200",
        }) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            Assert.False(process.HasExited, "the gateway process exited with " + (process.HasExited ? process.ExitCode : 0));
            try
            {
                using var health = await http.GetAsync("/health");
                if (health.IsSuccessStatusCode) return process;
            }
            catch (HttpRequestException) { }
            Assert.True(DateTime.UtcNow < until, "the gateway did not answer /health within 30 s");
            await Task.Delay(100);
        }
    }
}

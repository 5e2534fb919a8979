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
    public async Task Every_puback_ed_scan_is_delivered_after_the_gateway_is_killed_and_restarted()
    {
        var watch = Stopwatch.StartNew();
        await using var receiver = await WebhookReceiver.StartAsync();
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
            gateway = await StartGatewayAsync(folder, httpPort, mqttPort, receiver.Url, http);
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
                gateway.Kill(); // SIGKILL: no shutdown, no flush
                await gateway.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                int atKill = acked.Count;
                stop.Cancel();
                await Task.WhenAll(streams).WaitAsync(TimeSpan.FromSeconds(30));
                output.WriteLine($"killed after {atKill} PUBACKs at {watch.Elapsed.TotalSeconds:F1} s");
            }
            gateway.Dispose();

            // Second run on the same folder; the devices resend their unacknowledged scan (same seq) and finish.
            gateway = await StartGatewayAsync(folder, httpPort, mqttPort, receiver.Url, http);
            var rest = Enumerable.Range(0, Devices).Select(d => Task.Run(() => StreamAsync(d, mqttPort, passwords[d], next, acked, CancellationToken.None))).ToArray();
            await Task.WhenAll(rest).WaitAsync(TimeSpan.FromSeconds(90));
            Assert.Equal(Devices * ScansPerDevice, acked.Count);

            var delivered = new HashSet<(string, long)>();
            await receiver.WaitAsync(requests =>
            {
                delivered = requests.SelectMany(r => r.Events).Select(e => (e.DeviceId, e.Seq)).ToHashSet();
                return acked.Keys.All(delivered.Contains);
            }, TimeSpan.FromSeconds(90), "every PUBACKed scan delivered");
            foreach (var r in receiver.Requests)
                foreach (var e in r.Events) Assert.Equal(e.DeviceId + "/" + e.Seq, System.Text.Encoding.UTF8.GetString(ScanToWebhookTests.DataBytes(e)));
            output.WriteLine($"{acked.Count} scans, {receiver.Requests.Count} webhook requests, done in {watch.Elapsed.TotalSeconds:F1} s");
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

    private static async Task<Process> StartGatewayAsync(string folder, int httpPort, int mqttPort, Uri receiver, HttpClient http)
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
            "--Relay:Url=" + receiver, "--Relay:Secret=" + RelayHost.Secret, "--Relay:RetryBase=00:00:00.020", "--Relay:RetryCap=00:00:00.200",
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

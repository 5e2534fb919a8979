using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Security;
using Devices.Gateway.Tests.Api;
using Devices.Gateway.Tests.Content;
using Devices.Gateway.Tests.Fixtures;
using Devices.Gateway.Tests.Relay;
using Devices.Simulator.Hosts;
using Microsoft.AspNetCore.Http;

namespace Devices.Gateway.Tests.EndToEnd;

/// <summary>Scans from simulated table tents (the real TableTentApp over MQTTnet) to a webhook receiver through a real gateway.</summary>
public class ScanToWebhookTests
{
    [Fact]
    public async Task A_scan_reaches_the_backend_with_a_valid_standard_webhooks_signature()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var gw = await ApiGateway.StartAsync("--Relay:Url=" + receiver.Url, "--Relay:Secret=" + RelayHost.Secret);
        var identity = await ContentApi.ProvisionAsync(gw, "tent-scan", "tent");
        await using var tent = await Tents.StartAsync(gw, identity);

        tent.Host.Scanner.Scan("HELLO-E2E-1");
        var got = await receiver.WaitAsync(r => r.Count >= 1, TimeSpan.FromSeconds(15), "the scan's webhook");

        var request = got[0];
        Assert.True(StandardWebhooks.Verify(RelayHost.Secret, request), "signature " + request.Signature + " does not verify");
        var e = Assert.Single(request.Events);
        Assert.Equal("tent-scan", e.DeviceId);
        Assert.Equal("HELLO-E2E-1", Encoding.UTF8.GetString(DataBytes(e)));
        // The independent check can fail: the same body under another secret does not verify.
        Assert.False(StandardWebhooks.Verify("whsec_" + Convert.ToBase64String(new byte[24]), request));
        Assert.Null(tent.Host.Fault);
    }

    /// <summary>
    /// The backend answers 500 for 12 s (the relay's backoff set to 20 ms..200 ms so it keeps trying) while two
    /// tents keep scanning; afterwards every scan has arrived, per (device, seq) only under one webhook-id,
    /// and per device in scan order.
    /// </summary>
    [Fact]
    public async Task Scans_during_a_backend_outage_arrive_exactly_once_per_device_and_seq_in_order()
    {
        var outage = TimeSpan.FromSeconds(12);
        bool failing = false;
        var accepted = new List<WebhookReceiver.Received>();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = r =>
        {
            if (Volatile.Read(ref failing)) return Results.StatusCode(500);
            lock (accepted) accepted.Add(r);
            return Results.Ok();
        };
        await using var gw = await ApiGateway.StartAsync("--Relay:Url=" + receiver.Url, "--Relay:Secret=" + RelayHost.Secret,
            "--Relay:RetryBase=00:00:00.020", "--Relay:RetryCap=00:00:00.200", "--Relay:RetryHorizon=01:00:00");
        var a = await Tents.StartAsync(gw, await ContentApi.ProvisionAsync(gw, "tent-a", "tent"));
        var b = await Tents.StartAsync(gw, await ContentApi.ProvisionAsync(gw, "tent-b", "tent"));
        await using var _a = a;
        await using var _b = b;
        var tents = new[] { a, b };
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

        for (int i = 0; i < 5; i++) ScanAll("before", i);
        await receiver.WaitAsync(_ => Accepted(accepted, receiver).Count >= 10, TimeSpan.FromSeconds(15), "ten scans before the outage");

        Volatile.Write(ref failing, true);
        var watch = Stopwatch.StartNew();
        int n = 0;
        while (watch.Elapsed < outage)
        {
            ScanAll("during", n++);
            await Task.Delay(250);
        }
        int failedRequests = receiver.Requests.Count - Accepted(accepted, receiver).Count;
        Volatile.Write(ref failing, false);
        for (int i = 0; i < 5; i++) ScanAll("after", i);

        int total = scanned.Values.Sum(l => l.Count);
        await receiver.WaitAsync(_ => Accepted(accepted, receiver).SelectMany(r => r.Events).Select(e => (e.DeviceId, e.Seq)).Distinct().Count() >= total,
            TimeSpan.FromSeconds(30), $"all {total} scans accepted after the outage");
        Assert.True(failedRequests > 10, $"the relay kept retrying during the outage ({failedRequests} failed requests)");

        var ok = Accepted(accepted, receiver);
        foreach (var r in receiver.Requests) Assert.True(StandardWebhooks.Verify(RelayHost.Secret, r), "bad signature on " + r.Id);
        // Duplicates are allowed only as redeliveries of the same webhook (same id).
        foreach (var g in ok.SelectMany(r => r.Events.Select(e => (Key: (e.DeviceId, e.Seq), r.Id))).GroupBy(x => x.Key))
            Assert.True(g.Select(x => x.Id).Distinct().Count() == 1, $"{g.Key} delivered under several webhook ids");

        foreach (var t in tents)
        {
            var firstDeliveries = ok.SelectMany(r => r.Events).Where(e => e.DeviceId == t.Host.Id)
                .GroupBy(e => e.Seq).Select(g => g.First()).ToList();
            Assert.Equal(scanned[t.Host.Id], firstDeliveries.Select(e => Encoding.UTF8.GetString(DataBytes(e))).ToList());
            Assert.True(firstDeliveries.Zip(firstDeliveries.Skip(1)).All(p => p.Second.Seq > p.First.Seq), t.Host.Id + ": seq increases in delivery order");
            Assert.Null(t.Host.Fault);
        }
    }

    private static List<WebhookReceiver.Received> Accepted(List<WebhookReceiver.Received> accepted, WebhookReceiver receiver)
    {
        lock (accepted) return accepted.ToList();
    }

    internal static byte[] DataBytes(global::Devices.Gateway.Webhooks.ScanWebhookEvent e) =>
        e.DataEncoding == "base64" ? Convert.FromBase64String(e.Data) : Encoding.UTF8.GetBytes(e.Data);
}

/// <summary>Standard Webhooks signature check written from the spec, independent of the gateway's signer.</summary>
internal static class StandardWebhooks
{
    public static bool Verify(string secret, WebhookReceiver.Received r)
    {
        var key = Convert.FromBase64String(secret.Substring("whsec_".Length));
        var signed = Encoding.UTF8.GetBytes(r.Id + "." + r.Timestamp + ".").Concat(r.Body).ToArray();
        string expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        return r.Id.Length > 0 && long.TryParse(r.Timestamp, out _) && r.Signature.Split(' ').Contains(expected);
    }
}

/// <summary>A started simulated tent, online and welcomed, stopped and its folder removed on dispose.</summary>
internal sealed class Tents : IAsyncDisposable
{
    private readonly string _folder;
    private Tents(TableTentHost host, string folder) { Host = host; _folder = folder; }
    public TableTentHost Host { get; }

    public static async Task<Tents> StartAsync(ApiGateway gw, DeviceIdentity identity)
    {
        var folder = Path.Combine(Path.GetTempPath(), "tent-e2e-" + Guid.NewGuid().ToString("N"));
        var host = new TableTentHost(identity, "127.0.0.1", gw.MqttPort, folder, Panel.Epd29);
        host.Start();
        await Poll.UntilAsync(() => host.Read(a => a.IsConnected && a.IsWallTimeKnown), identity.Id + " online and welcomed", 15_000);
        return new Tents(host, folder);
    }

    public ValueTask DisposeAsync()
    {
        Host.Stop();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}

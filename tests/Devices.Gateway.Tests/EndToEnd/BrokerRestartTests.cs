using Devices.TestSupport;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Security;
using Devices.Gateway.Mqtt;
using Devices.Gateway.Tests.Fixtures;
using Devices.Simulator.Hosts;
using Xunit.Abstractions;

namespace Devices.Gateway.Tests.EndToEnd;

/// <summary>
/// The MQTT broker goes away under two connected table tents (the real TableTentApp over MQTTnet) and comes back:
/// the tents reconnect on their own, the scans they took meanwhile reach the outbox once each and in order, and the
/// content changed around the outage is sent again until each tent has applied it (desired == applied).
/// </summary>
public class BrokerRestartTests(ITestOutputHelper output)
{
    private static readonly string[] FastReconciliation = ["--Reconciliation:RetryInitial=00:00:00.200", "--Reconciliation:RetryMax=00:00:01"];

    /// <summary>Embedded broker: the gateway, and the broker inside it, stopped and started again on the same data and port.</summary>
    [Fact]
    public async Task Tents_reconnect_to_a_restarted_embedded_broker_and_apply_the_content_set_after_it()
    {
        var first = await MqttGateway.StartAsync(FastReconciliation);
        MqttGateway? second = null;
        var tents = new List<TableTentHost>();
        var folders = new List<string>();
        try
        {
            var scanned = await StartInSyncAsync(first, first.MqttPort, tents, folders);

            await first.StopAsync();
            await Poll.UntilAsync(() => tents.All(t => !t.Read(a => a.IsConnected)), "the tents noticed the broker is gone", 15_000);
            Scan(tents, scanned, "while-down");

            second = await first.RestartAsync();
            // Changed right after the restart, whether or not the tents are back yet: they must end up with it.
            var desired = await PutContentAsync(second, tents, "after restart");
            await AssertReconciledAsync(second, tents, desired, scanned);
        }
        finally
        {
            Stop(tents, folders);
            if (second != null) await second.DisposeAsync();
            await first.DisposeAsync(); // removes the data folder
        }
    }

    /// <summary>External broker: Mosquitto killed and started again under a running gateway; content changed while it was down.</summary>
    [Fact]
    public async Task Tents_reconnect_to_a_restarted_mosquitto_and_apply_the_content_set_while_it_was_down()
    {
        int port = FreePort.Next();
        await using var gw = await MqttGateway.StartAsync([.. FastReconciliation,
            "--Mqtt:Mode=External", "--Mqtt:External:Host=127.0.0.1", "--Mqtt:External:Port=" + port,
            "--Mqtt:External:UserName=" + MosquittoProcess.GatewayUser, "--Mqtt:External:Password=" + MosquittoProcess.GatewayPassword,
            "--Mqtt:External:ClientId=gw-restart", "--Mqtt:External:ReconnectMinSeconds=0.1", "--Mqtt:External:ReconnectMaxSeconds=0.5"]);
        var ids = new[] { await ProvisionAsync(gw, "tent-rb-0"), await ProvisionAsync(gw, "tent-rb-1") };
        using var broker = new MosquittoProcess(port, ids.Select(i => (i.Id, i.MqttPassword)));
        var external = gw.Service<ExternalBroker>();
        await Poll.UntilAsync(() => external.IsReady, "the gateway subscribed at mosquitto", 15_000);
        var tents = new List<TableTentHost>();
        var folders = new List<string>();
        try
        {
            var scanned = await StartInSyncAsync(gw, port, tents, folders, ids);

            broker.Stop();
            await Poll.UntilAsync(() => !external.IsReady && tents.All(t => !t.Read(a => a.IsConnected)), "gateway and tents noticed mosquitto is gone", 15_000);
            // This Mosquitto keeps no sessions across a restart, so a scan it took before the gateway subscribed
            // again would be acknowledged to the tent and dropped; a deployment runs Mosquitto with persistence.
            // Here the tents stay off the network until the gateway is back, and keep their scans meanwhile.
            foreach (var t in tents) t.NetworkAvailable = false;
            Scan(tents, scanned, "while-down");
            var desired = await PutContentAsync(gw, tents, "while down"); // accepted by the API while no broker runs
            broker.Start();

            await Poll.UntilAsync(() => external.IsReady, "the gateway reconnected and subscribed again", 15_000);
            foreach (var t in tents) t.NetworkAvailable = true;
            await AssertReconciledAsync(gw, tents, desired, scanned);
        }
        finally
        {
            Stop(tents, folders);
        }
    }

    /// <summary>Provisions (unless given), starts and syncs the tents: online, welcomed, a first content applied, a scan stored.</summary>
    private async Task<Dictionary<string, List<string>>> StartInSyncAsync(MqttGateway gw, int port, List<TableTentHost> tents, List<string> folders,
        DeviceIdentity[]? identities = null)
    {
        identities ??= [await ProvisionAsync(gw, "tent-rb-0"), await ProvisionAsync(gw, "tent-rb-1")];
        foreach (var identity in identities)
        {
            var folder = Path.Combine(Path.GetTempPath(), "tent-restart-" + Guid.NewGuid().ToString("N"));
            folders.Add(folder);
            var host = new TableTentHost(identity, "127.0.0.1", port, folder, Panel.Epd29,
                new() { ReconnectInitialMs = 200, ReconnectMaxMs = 1000 });
            tents.Add(host);
            host.Start();
        }
        await Poll.UntilAsync(() => tents.All(t => t.Read(a => a.IsConnected && a.IsWallTimeKnown)), "tents online and welcomed", 20_000);
        var scanned = tents.ToDictionary(t => t.Id, _ => new List<string>());
        var first = await PutContentAsync(gw, tents, "before");
        await Poll.UntilAsync(() => tents.All(t => t.Read(a => a.AppliedContentVersion) == first[t.Id]), "the first content applied", 20_000);
        Scan(tents, scanned, "before");
        await Poll.UntilAsync(() => gw.OutboxRows().Count == scanned.Values.Sum(l => l.Count), "the first scans stored", 15_000);
        return scanned;
    }

    private async Task AssertReconciledAsync(MqttGateway gw, List<TableTentHost> tents, Dictionary<string, uint> desired, Dictionary<string, List<string>> scanned)
    {
        await Poll.UntilAsync(() => tents.All(t => t.Read(a => a.IsConnected)), "the tents reconnected", 20_000);
        await Poll.UntilAsync(() => tents.All(t => t.Read(a => a.AppliedContentVersion) == desired[t.Id]), "the tents applied the new content", 20_000);
        foreach (var t in tents)
        {
            JsonNode status = null!;
            await Poll.UntilAsync(() =>
            {
                status = JsonNode.Parse(gw.Api.GetStringAsync("/api/devices/" + t.Id + "/status").GetAwaiter().GetResult())!;
                return status["content"]!["inSync"]!.GetValue<bool>();
            }, t.Id + " in sync in the API", 10_000);
            Assert.Equal(desired[t.Id], status["content"]!["desiredVersion"]!.GetValue<uint>());
            Assert.Equal(desired[t.Id], status["content"]!["appliedVersion"]!.GetValue<uint>());
            Assert.True(status["status"]!["online"]!.GetValue<bool>(), t.Id + " online again");
            Assert.Null(t.Fault);
            Assert.Equal(0u, t.Read(a => a.DroppedScans));
        }
        // The scans taken while the broker was down were kept by the tents and stored once each, in order.
        int total = scanned.Values.Sum(l => l.Count);
        await Poll.UntilAsync(() => gw.OutboxRows().Count >= total, $"all {total} scans stored", 15_000);
        var rows = gw.OutboxRows();
        foreach (var t in tents)
        {
            var mine = rows.Where(r => r.Device == t.Id).ToList();
            Assert.Equal(scanned[t.Id], mine.Select(r => Encoding.UTF8.GetString(r.Data)).ToList());
            Assert.Equal(mine.Select(r => r.Seq).Order(), mine.Select(r => r.Seq));
        }
        output.WriteLine($"{total} scans stored; content versions {string.Join(", ", desired.Select(d => d.Key + "=" + d.Value))} applied");
    }

    private static void Scan(List<TableTentHost> tents, Dictionary<string, List<string>> scanned, string phase)
    {
        for (int i = 0; i < 3; i++)
            foreach (var t in tents)
            {
                string text = t.Id + "/" + phase + "-" + i;
                scanned[t.Id].Add(text);
                t.Scanner.Scan(text);
            }
    }

    /// <summary>PUTs a new tent content for each tent through the API; returns the desired version of each.</summary>
    private static async Task<Dictionary<string, uint>> PutContentAsync(MqttGateway gw, List<TableTentHost> tents, string headline)
    {
        var versions = new Dictionary<string, uint>();
        foreach (var t in tents)
        {
            var body = new JsonObject { ["tent"] = new JsonObject { ["tableName"] = "Table " + t.Id[^1], ["headline"] = headline, ["linkTemplate"] = "https://m.example.com/t?d={device}&c={token}" } };
            using var response = await gw.Api.PutAsJsonAsync("/api/devices/" + t.Id + "/content", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, "PUT content: " + (int)response.StatusCode + " " + text);
            versions[t.Id] = JsonNode.Parse(text)!["version"]!.GetValue<uint>();
        }
        return versions;
    }

    private static async Task<DeviceIdentity> ProvisionAsync(MqttGateway gw, string id)
    {
        using var response = await gw.Api.PostAsJsonAsync("/api/devices", new JsonObject { ["id"] = id, ["kind"] = "tent", ["panel"] = "2.9" });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, "provisioning failed: " + text);
        return new DeviceIdentity(id, Convert.FromHexString(JsonNode.Parse(text)!["secret"]!.GetValue<string>()));
    }

    private static void Stop(List<TableTentHost> tents, List<string> folders)
    {
        foreach (var t in tents) t.Stop();
        foreach (var f in folders) { try { Directory.Delete(f, recursive: true); } catch (IOException) { } }
    }
}

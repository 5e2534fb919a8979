using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Devices.Gateway.Tests.Fixtures;
using MQTTnet;
using MQTTnet.Formatter;
using Xunit.Abstractions;

namespace Devices.Gateway.Tests.Mqtt;

/// <summary>
/// Many devices on the embedded broker, each sending scans one after another (the next only after the PUBACK,
/// as a device's flash queue does), every scan committed before its PUBACK. Prints connected devices and durable
/// scans per second. Size from GATEWAY_LOAD_DEVICES / GATEWAY_LOAD_SCANS (defaults keep the test around 10 s).
/// </summary>
public class EmbeddedLoadTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Load")]
    public async Task Many_devices_publish_scans_durably()
    {
        int devices = int.TryParse(Environment.GetEnvironmentVariable("GATEWAY_LOAD_DEVICES"), out int d) ? d : 500;
        int scansEach = int.TryParse(Environment.GetEnvironmentVariable("GATEWAY_LOAD_SCANS"), out int s) ? s : 20;
        await using var gw = await MqttGateway.StartAsync(["--Mqtt:ConnectionBacklog=4000"]);
        var passwords = new Dictionary<string, string>();
        for (int i = 0; i < devices; i++)
        {
            string id = $"load-{i:D5}";
            passwords[id] = gw.Provision(id).MqttPassword;
        }

        var connect = Stopwatch.StartNew();
        var clients = new List<DeviceClient>();
        foreach (var batch in passwords.Chunk(200))
            clients.AddRange(await Task.WhenAll(batch.Select(p => DeviceClient.ConnectAsync(gw.MqttPort, p.Key, p.Value, subscribe: false, MqttProtocolVersion.V311))));
        connect.Stop();
        var server = gw.Service<Devices.Gateway.Mqtt.EmbeddedMqttServer>().Server;
        int connected = (await server.GetClientsAsync()).Count;
        long memoryAfterConnect = GC.GetTotalMemory(forceFullCollection: true);

        var run = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async c =>
        {
            for (uint seq = 1; seq <= scansEach; seq++)
            {
                var r = await c.ScanAsync(seq, $"https://order.example.com/t?d={c.DeviceId}&c={seq:D12}");
                if (!r.IsSuccess) throw new InvalidOperationException($"{c.DeviceId} seq {seq}: {r.ReasonCode}");
            }
        }));
        run.Stop();

        int total = devices * scansEach;
        int stored = gw.OutboxRows().Count;
        double perSecond = total / run.Elapsed.TotalSeconds;
        output.WriteLine($"devices connected: {connected} (in {connect.Elapsed.TotalSeconds:F1} s), managed heap after connect: {memoryAfterConnect / 1048576.0:F0} MB (test clients included)");
        output.WriteLine($"durable scans: {total} in {run.Elapsed.TotalSeconds:F2} s = {perSecond:F0} scans/s (each committed before its PUBACK), outbox rows: {stored}");
        Console.WriteLine($"[load] devices={connected} scans={total} seconds={run.Elapsed.TotalSeconds:F2} scans_per_s={perSecond:F0}");

        Assert.Equal(devices, connected);
        Assert.Equal(total, stored);
        foreach (var c in clients) await c.DisposeAsync();
    }
}

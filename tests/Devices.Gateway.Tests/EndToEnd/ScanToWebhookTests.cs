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

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Security;
using Devices.Gateway.Registry;
using Devices.Gateway.Webhooks;
using Devices.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Devices.Gateway.Load;

/// <summary>
/// The real gateway (Program.Build): temp data folder, embedded broker on a free loopback port, relay to a local
/// Kestrel webhook receiver that reads the body, notes each event and answers 200.
/// </summary>
public sealed class GatewayUnderTest : IAsyncDisposable
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string ApiKey = "load-benchmark-key-0123456789";
    private WebApplication _gateway = null!;
    private WebApplication _receiver = null!;
    private long _relayed;

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "gw-load-" + Guid.NewGuid().ToString("N"));
    public int MqttPort { get; } = FreePort.Next();
    public long Relayed => Interlocked.Read(ref _relayed);

    /// <summary>The gateway's HTTP address (API and console).</summary>
    public string HttpAddress => _gateway.Urls.First();

    /// <summary>Called for every relayed event (device id, seq) as the receiver gets it.</summary>
    public Action<string, long>? OnRelayed { get; set; }

    public static async Task<GatewayUnderTest> StartAsync(int relayBatchSize, IEnumerable<string> settings)
    {
        var g = new GatewayUnderTest();
        // No config files to watch: a watcher on the working directory would also see the data folder's writes
        // when run from the temp folder, and charge the inotify work to the gateway.
        var receiverBuilder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        receiverBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        receiverBuilder.Logging.ClearProviders();
        g._receiver = receiverBuilder.Build();
        g._receiver.MapPost("/hook", async (HttpRequest r) =>
        {
            // Like a lean backend: read the body once, walk the JSON for each event's device and seq, answer 200.
            var body = await r.BodyReader.ReadAllAsync(r.ContentLength);
            var note = g.OnRelayed;
            int count = WebhookEvents.Walk(body, note);
            Interlocked.Add(ref g._relayed, count);
            return Results.Ok();
        });
        await g._receiver.StartAsync();

        g._gateway = Devices.Gateway.Program.Build([..new[] {
            "--urls=http://127.0.0.1:0",
            "--Storage:DataFolder=" + g.DataFolder,
            "--Api:Keys:0:Name=load",
            "--Api:Keys:0:Key=" + ApiKey,
            "--Logging:LogLevel:Default=Warning",
            "--Mqtt:BindAddress=127.0.0.1",
            "--Mqtt:Port=" + g.MqttPort,
            "--Mqtt:ConnectionBacklog=4000",
            "--Relay:Url=" + g._receiver.Urls.First() + "/hook",
            "--Relay:Secret=" + Secret,
            "--Relay:BatchSize=" + relayBatchSize,
        }, ..settings.Select(s => "--" + s)], null);
        await g._gateway.StartAsync();
        return g;
    }

    /// <summary>Provisions devices through the registry service in-process (as POST /api/devices does).</summary>
    public List<Publishers.Account> Provision(string prefix, int count)
    {
        var registry = _gateway.Services.GetRequiredService<IDeviceRegistry>();
        var accounts = new Publishers.Account[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            string id = $"{prefix}-{i:D5}";
            var result = registry.Provision(new ProvisionRequest { Id = id, Kind = "tent" });
            if (result.Status != ProvisionStatus.Created) throw new InvalidOperationException($"{id}: {result.Error}");
            accounts[i] = new Publishers.Account(id, new DeviceIdentity(id, result.Secret!).MqttPassword);
        });
        return accounts.ToList();
    }

    public async Task<int> ConnectedCountAsync() =>
        (await _gateway.Services.GetRequiredService<Devices.Gateway.Mqtt.EmbeddedMqttServer>().Server.GetClientsAsync()).Count;

    /// <summary>Transactions the outbox writer has committed (scans per commit shows how well group commit groups).</summary>
    public long Commits => _gateway.Services.GetRequiredService<Devices.Gateway.Outbox.ScanOutbox>().Commits;

    public long PendingCount() => _gateway.Services.GetRequiredService<Devices.Gateway.Outbox.ScanOutbox>().PendingCount();


    public async ValueTask DisposeAsync()
    {
        await _gateway.StopAsync();
        await _gateway.DisposeAsync();
        await _receiver.StopAsync();
        await _receiver.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }
}

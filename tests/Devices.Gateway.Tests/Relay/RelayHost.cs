using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Devices.Gateway.Outbox;
using Devices.Gateway.Relay;
using Devices.Gateway.Scans;
using Devices.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Devices.Gateway.Tests.Relay;

/// <summary>
/// The scan pipeline (storage, outbox, relay) in a real host with a temp data folder, relaying to a receiver,
/// with a recorder as the device feedback.
/// </summary>
public sealed class RelayHost : IAsyncDisposable
{
    public const string Secret = WebhookReceiver.Secret;

    private readonly IHost _host;

    private RelayHost(IHost host, string folder)
    {
        _host = host;
        DataFolder = folder;
    }

    public string DataFolder { get; }
    public ConcurrentQueue<DeviceFeedback> Feedback { get; } = new();
    public ScanOutbox Outbox => _host.Services.GetRequiredService<ScanOutbox>();
    public RelayStatus Status => _host.Services.GetRequiredService<RelayStatus>();
    public T Service<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Settings as "Section:Key=value"; the receiver's URL and the test secret are set unless given.</summary>
    public static async Task<RelayHost> StartAsync(Uri? receiver, params string[] settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "gw-relay-" + Guid.NewGuid().ToString("N"));
        var args = new List<string> { "--Storage:DataFolder=" + folder, "--Relay:Secret=" + Secret, "--Relay:RetryBase=00:00:00.020" };
        if (receiver is not null) args.Add("--Relay:Url=" + receiver);
        args.AddRange(settings.Select(s => "--" + s));
        var builder = Host.CreateApplicationBuilder(args.ToArray());
        builder.Logging.ClearProviders();
        builder.Services.AddGatewayStorage(builder.Configuration);
        builder.Services.AddScans(builder.Configuration);
        RelayHost? made = null;
        builder.Services.AddSingleton<IDeviceFeedback>(_ => new Recorder(() => made!));
        var host = builder.Build();
        made = new RelayHost(host, folder);
        await host.StartAsync();
        return made;
    }

    public Task<OutboxAppendResult> AppendAsync(string device, long seq, string data) =>
        Outbox.AppendAsync(new ScanEnvelope(device, seq, 1767225600 + seq, 250, DateTimeOffset.UtcNow, System.Text.Encoding.UTF8.GetBytes(data)),
            CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }

    private sealed class Recorder(Func<RelayHost> host) : IDeviceFeedback
    {
        public Task ShowAsync(DeviceFeedback feedback, CancellationToken cancellationToken)
        {
            host().Feedback.Enqueue(feedback);
            return Task.CompletedTask;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Devices.Gateway.Outbox;
using Devices.Gateway.Scans;
using Devices.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Devices.Gateway.OutboxLoad;

/// <summary>
/// Outbox load generator and crash target.
///   bench [appends] [concurrency]   durable appends/s with group commit vs one transaction per append
///   relay [scans] [devices] [batch]  a stored backlog delivered to a local webhook: scans/s
///   crash-child &lt;folder&gt;           appends forever, printing "ACK device seq" after each durable append
///                                   (the crash test SIGKILLs it and checks every acknowledged scan is on disk)
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "bench":
                int appends = args.Length > 1 ? int.Parse(args[1]) : 20_000;
                int concurrency = args.Length > 2 ? int.Parse(args[2]) : 64;
                await Bench(appends, concurrency);
                return 0;
            case "relay":
                await RelayBench(args.Length > 1 ? int.Parse(args[1]) : 20_000, args.Length > 2 ? int.Parse(args[2]) : 100,
                    args.Length > 3 ? int.Parse(args[3]) : 1);
                return 0;
            case "crash-child" when args.Length == 2:
                await CrashChild(args[1]);
                return 0;
            default:
                Console.Error.WriteLine("usage: bench [appends] [concurrency] | crash-child <folder>");
                return 2;
        }
    }

    private static async Task Bench(int appends, int concurrency)
    {
        Console.WriteLine($"{appends} durable appends (SQLite WAL, synchronous=FULL) from {concurrency} concurrent callers, {Environment.ProcessorCount} cores");
        var perAppend = appends / 10; // one transaction per append is slow: measure fewer
        await Run("one transaction per append", perAppend, concurrency, "Outbox:GroupCommitMaxRows=1", "Outbox:GroupCommitMaxDelayMs=0");
        await Run("group commit, no wait", appends, concurrency, "Outbox:GroupCommitMaxDelayMs=0");
        await Run("group commit, up to 2 ms wait (default)", appends, concurrency);
    }

    private static async Task Run(string name, int appends, int concurrency, params string[] settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "outbox-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var services = Services(folder, settings);
            var outbox = services.GetRequiredService<ScanOutbox>();
            var data = Encoding.UTF8.GetBytes("https://example.com/t/ABCDEFGHJK");
            int next = 0;
            var latencies = new double[appends];
            long commits0 = outbox.Commits;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next) - 1) < appends)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    await outbox.AppendAsync(new ScanEnvelope("dev-" + (i % 1000), i, 1767225600, 0, DateTimeOffset.UtcNow, data), CancellationToken.None);
                    latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                }
            })));
            clock.Stop();
            Array.Sort(latencies);
            long commits = outbox.Commits - commits0;
            Console.WriteLine($"  {name,-42} {appends / clock.Elapsed.TotalSeconds,10:N0} appends/s  " +
                              $"{commits,6} commits ({(double)appends / commits:N1} per commit)  " +
                              $"latency p50 {latencies[appends / 2]:N2} ms, p99 {latencies[(int)(appends * 0.99)]:N2} ms");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Stores a backlog of scans, then times the relay delivering all of them to a local Kestrel webhook receiver
    /// that verifies nothing and answers 200 (what the relay itself costs: signing, HTTP, marking delivered).
    /// </summary>
    private static async Task RelayBench(int scans, int devices, int batchSize)
    {
        var receiverBuilder = WebApplication.CreateSlimBuilder();
        receiverBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        receiverBuilder.Logging.ClearProviders();
        var receiver = receiverBuilder.Build();
        long received = 0;
        receiver.MapPost("/hook", async (HttpRequest r) =>
        {
            using var sink = new MemoryStream();
            await r.Body.CopyToAsync(sink);
            Interlocked.Increment(ref received);
            return Results.Ok();
        });
        await receiver.StartAsync();
        var url = receiver.Urls.First() + "/hook";

        var folder = Path.Combine(Path.GetTempPath(), "relay-bench-" + Guid.NewGuid().ToString("N"));
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = folder,
            ["Relay:Url"] = url,
            ["Relay:Secret"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            ["Relay:BatchSize"] = batchSize.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddGatewayStorage(builder.Configuration);
        builder.Services.AddScans(builder.Configuration);
        using var host = builder.Build();
        var outbox = host.Services.GetRequiredService<ScanOutbox>();
        var data = Encoding.UTF8.GetBytes("https://example.com/t/ABCDEFGHJK");
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(w => Task.Run(async () =>
        {
            for (int i = w; i < scans; i += 1000)
                await outbox.AppendAsync(new ScanEnvelope("dev-" + (i % devices), i / devices + 1, 1767225600, 0, DateTimeOffset.UtcNow, data), CancellationToken.None);
        })));
        var clock = Stopwatch.StartNew();
        await host.StartAsync();
        while (outbox.PendingCount() > 0) await Task.Delay(50);
        clock.Stop();
        Console.WriteLine($"relay: {scans} stored scans from {devices} devices, batch size {batchSize}: all delivered in " +
                          $"{clock.Elapsed.TotalSeconds:N1} s = {scans / clock.Elapsed.TotalSeconds:N0} scans/s ({Interlocked.Read(ref received)} requests)");
        await host.StopAsync();
        await receiver.StopAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, true); } catch (IOException) { }
    }

    private static async Task CrashChild(string folder)
    {
        using var services = Services(folder);
        var outbox = services.GetRequiredService<ScanOutbox>();
        var output = Console.Out;
        var gate = new object();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            for (long seq = 1; ; seq++)
            {
                var device = "crash-" + worker;
                await outbox.AppendAsync(new ScanEnvelope(device, seq, 0, 0, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(device + "/" + seq)), CancellationToken.None);
                lock (gate)
                {
                    output.WriteLine($"ACK {device} {seq}");
                    output.Flush();
                }
            }
        })));
    }

    private static ServiceProvider Services(string folder, params string[] settings)
    {
        var values = new Dictionary<string, string?> { ["Storage:DataFolder"] = folder };
        foreach (var s in settings) values[s[..s.IndexOf('=')]] = s[(s.IndexOf('=') + 1)..];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddLogging().AddGatewayStorage(configuration).AddScans(configuration).BuildServiceProvider();
    }
}

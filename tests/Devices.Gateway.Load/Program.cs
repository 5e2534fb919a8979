using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Devices.TestSupport;
using MQTTnet;

namespace Devices.Gateway.Load;

/// <summary>
/// The gateway's combined load benchmark, all on 127.0.0.1 in one process: raw MQTTnet QoS 1 pass-through (devices →
/// bare broker → a subscriber) as the reference, raw ingest (nobody subscribed) beside it, durable scans/s through
/// the real gateway, PUBACK and relay latency at a fixed rate, and how many
/// devices stay connected. Prints one table. Not a test: it reports, it does not assert.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 4 && args[0] == ClientProcess.Command) return await ClientProcess.RunChildAsync(args);
        LoadOptions o;
        try { o = LoadOptions.Parse(args); }
        catch (ArgumentException e) { Console.Error.WriteLine(e.Message); return 2; }

        WebhookEvents.Check();
        var rows = new List<(string Measure, string Value, string Target)>();
        void Row(string m, string v, string t = "")
        {
            rows.Add((m, v, t));
            Console.WriteLine($"  {m}: {v}");
        }
        var warmup = TimeSpan.FromSeconds(o.WarmupSeconds);
        var duration = TimeSpan.FromSeconds(o.Seconds);
        Console.WriteLine($"{Environment.ProcessorCount} cores; {o.Clients} clients x {o.InFlight} in flight, {o.Seconds} s per throughput run; relay batches of up to {o.RelayBatch}{string.Concat(o.GatewaySettings.Select(x => "; " + x))}; load average {LoadAverage()}");

        // 1. Raw references: the bare broker passing scans to a subscriber (the reference the ratio uses), and
        // the bare broker only acknowledging them with nobody subscribed (ingest, the broker's upper bound).
        double rawPerSecond = double.NaN, ingestPerSecond = double.NaN;
        if (o.Runs("raw"))
        {
            Console.WriteLine("raw MQTTnet QoS 1 pass-through: devices → bare broker → one QoS 1 subscriber");
            rawPerSecond = await RunRawAsync(o, withSubscriber: true, Row);
        }
        if (o.Runs("ingest"))
        {
            Console.WriteLine("raw MQTTnet QoS 1 ingest: devices → bare broker, nobody subscribed");
            ingestPerSecond = await RunRawAsync(o, withSubscriber: false, Row);
        }

        await using var gateway = await GatewayUnderTest.StartAsync(o.RelayBatch, o.GatewaySettings);

        // 2. Durable throughput through the real gateway.
        Console.WriteLine("devices for the durable runs; warm-up");
        var provisionClock = Stopwatch.StartNew();
        var accounts = gateway.Provision("load", o.Clients);
        provisionClock.Stop();
        var devices = await Publishers.ConnectAllAsync(gateway.MqttPort, accounts);
        var seqs = new long[devices.Count];
        var scanTopics = accounts.Select(a => $"dev/{a.User}/scan").ToArray();
        MqttApplicationMessage NextScan(int c, long _) => NextScanWithSeq(c).Message;
        (MqttApplicationMessage Message, uint Seq) NextScanWithSeq(int c)
        {
            uint seq = (uint)Interlocked.Increment(ref seqs[c]);
            return (Publishers.Message(scanTopics[c], Scan(seq, $"https://order.example.com/t?d={accounts[c].User}&c={seq:D12}")), seq);
        }
        await Publishers.RunAsync(devices, o.InFlight, warmup, NextScan);
        await WaitForRelayAsync(gateway, TimeSpan.FromSeconds(60));

        // 3. Latency at a fixed rate.
        if (o.Runs("latency"))
        {
            Console.WriteLine($"latency at {o.Rate:N0} scans/s for {o.LatencySeconds} s");
            var sent = new ConcurrentDictionary<(string, long), long>();
            var relayLatencies = new ConcurrentBag<double>();
            gateway.OnRelayed = (device, seq) =>
            {
                if (sent.TryRemove((device, seq), out long t)) relayLatencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            };
            int total = (int)(o.Rate * o.LatencySeconds);
            var ackLatencies = new double[total];
            int failures = 0;
            var pending = new Task[total];
            long start = Stopwatch.GetTimestamp();
            for (int k = 0; k < total; k++)
            {
                // Latency counts from when the scan was due, so a stalled sender cannot hide delay (coordinated omission).
                long due = start + (long)(k * (double)Stopwatch.Frequency / o.Rate);
                // Sleep, never spin: a spinning sender would take one of the two cores from the gateway.
                while (Stopwatch.GetTimestamp() < due) Thread.Sleep(1);
                int c = k % devices.Count, index = k;
                var (message, seq) = NextScanWithSeq(c);
                sent[(accounts[c].User, (long)seq)] = due;
                pending[k] = Task.Run(async () =>
                {
                    try
                    {
                        var r = await devices[c].PublishAsync(message);
                        if (!r.IsSuccess) Interlocked.Increment(ref failures);
                    }
                    catch (Exception) { Interlocked.Increment(ref failures); }
                    ackLatencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                });
            }
            await Task.WhenAll(pending);
            double achieved = total / Stopwatch.GetElapsedTime(start).TotalSeconds;
            await WaitForRelayAsync(gateway, TimeSpan.FromSeconds(30));
            await Task.Delay(200);
            gateway.OnRelayed = null;
            Array.Sort(ackLatencies);
            var relay = relayLatencies.ToArray();
            Array.Sort(relay);
            Row($"PUBACK latency at {o.Rate:N0} scans/s (p50 / p99 / max)",
                $"{Percentile(ackLatencies, 0.50):N1} / {Percentile(ackLatencies, 0.99):N1} / {ackLatencies[^1]:N1} ms ({total:N0} scans, {achieved:N0}/s achieved, {failures} failed)", "p99 < 25 ms");
            Row("relay latency, due → webhook received (p50 / p99)",
                relay.Length == 0 ? "none received" : $"{Percentile(relay, 0.50):N1} / {Percentile(relay, 0.99):N1} ms ({relay.Length:N0} events)");
        }
        // 2, measured after the latency run so that run sees a steady gateway, not one still checkpointing a burst.
        if (o.Runs("durable"))
        {
            Console.WriteLine("durable scans through the gateway");
            long relayedBefore = gateway.Relayed;
            long commitsBefore = gateway.Commits;
            long writtenBefore = WrittenBytes();
            var runCpu = CpuTime();
            var runClock = Stopwatch.StartNew();
            var (durable, durableFailed, durableElapsed) = await Publishers.RunAsync(devices, o.InFlight, duration, NextScan);
            long relayedInWindow = gateway.Relayed - relayedBefore;
            bool drained = await WaitForRelayAsync(gateway, TimeSpan.FromSeconds(60));
            runClock.Stop();
            runCpu = CpuTime() - runCpu;
            double durablePerSecond = durable / durableElapsed.TotalSeconds;
            Row("durable scans/s (committed, then PUBACKed)", $"{durablePerSecond:N0} scans/s ({durable:N0} PUBACKed, {durableFailed} failed)", "≥ 10,000 on 2 cores");
            double relayedPerSecond = (gateway.Relayed - relayedBefore) / runClock.Elapsed.TotalSeconds;
            Row("durable / raw pass-through (delivered/s until nothing waits, each)", drained ? $"{relayedPerSecond / rawPerSecond:P0}" : "backlog not empty", "≥ 50%");
            Row("durable / raw ingest (nobody subscribed)", $"{durablePerSecond / ingestPerSecond:P0}");
            Row("durable: process CPU per scan, until relayed (clients + gateway + receiver)", CpuPerMessage(runCpu, durable, runClock.Elapsed));
            Row("outbox commits while publishing (scans per commit)", $"{gateway.Commits - commitsBefore:N0} ({durable / (double)Math.Max(1, gateway.Commits - commitsBefore):N1}; relay writes share them)");
            Row("bytes written to disk per scan (WAL, checkpoints)", $"{(WrittenBytes() - writtenBefore) / (double)Math.Max(1, durable):N0} B");
            Row("relayed/s while publishing", $"{relayedInWindow / durableElapsed.TotalSeconds:N0} events/s");
            Row("relayed/s until the backlog was empty", drained
                ? $"{(gateway.Relayed - relayedBefore) / runClock.Elapsed.TotalSeconds:N0} events/s (empty {runClock.Elapsed.TotalSeconds - durableElapsed.TotalSeconds:N1} s after the run)"
                : $"backlog not empty 60 s after the run ({gateway.PendingCount():N0} pending)");
        }

        await Publishers.DisconnectAllAsync(devices);

        // 4. Connections.
        if (o.Runs("connect"))
        {
            Console.WriteLine($"connect up to {o.Devices:N0} devices (at most {o.ConnectSeconds} s)");
            var provision = Stopwatch.StartNew();
            var many = gateway.Provision("conn", o.Devices);
            provision.Stop();
            var (result, child) = await ClientProcess.StartAsync(gateway.MqttPort, many, o.ConnectSeconds);
            int connected = await gateway.ConnectedCountAsync();
            long heap = GC.GetTotalMemory(forceFullCollection: true);
            Row("devices provisioned through the registry", $"{many.Count:N0} in {provision.Elapsed.TotalSeconds:N1} s");
            Row("devices connected (broker's client list)", $"{connected:N0} of {o.Devices:N0} in {result.Seconds:N1} s ({result.Failed} failed)", "10,000");
            Row("gateway process working set / managed heap, all connected",
                $"{Environment.WorkingSet / 1048576.0:N0} MB / {heap / 1048576.0:N0} MB (clients in a child process: {result.ClientWorkingSet / 1048576.0:N0} MB)");

            // The staff console's live view reads every device once a second while a console is open. Both windows
            // hold the same number of keep-alive pings from every client (MQTTnet's default period is 10 s).
            var window = TimeSpan.FromSeconds(20);
            double quiet = await CoresBusyAsync(window);
            await using (var watcher = await ConsoleWatcher.OpenAsync(gateway.HttpAddress, GatewayUnderTest.ApiKey))
            {
                double watched = await CoresBusyAsync(window);
                Row("gateway process CPU, all connected and idle: no console / one console's live view open",
                    $"{quiet:N3} / {watched:N3} cores ({watcher.Events:N0} events streamed in {window.TotalSeconds:N0} s)");
            }
            await ClientProcess.StopAsync(child);
        }

        Console.WriteLine();
        Console.WriteLine($"load average at the end: {LoadAverage()}");
        Console.WriteLine("| Measure | Result | Target |");
        Console.WriteLine("| --- | --- | --- |");
        foreach (var (m, v, t) in rows) Console.WriteLine($"| {m} | {v} | {t} |");
        return 0;
    }

    /// <summary>
    /// One raw run on a fresh bare broker: warm-up, then the measured window. With a subscriber the rate is what
    /// reached it from the window's first publish until its queue was empty (PUBACKs alone would count messages
    /// still queued for it); without one, the PUBACK rate.
    /// </summary>
    private static async Task<double> RunRawAsync(LoadOptions o, bool withSubscriber, Action<string, string, string> row)
    {
        int port = FreePort.Next();
        var server = await RawBroker.StartAsync(port);
        // One consumer for every device's scans, as the gateway's relay is one; four subscribers splitting the
        // devices between them passed no more (14,571 against 14,722 msg/s: the two cores are the limit).
        var subscriber = withSubscriber ? await RawSubscriber.ConnectAsync(port, "dev/+/scan") : null;
        var clients = await Publishers.ConnectAllAsync(port, Enumerable.Range(0, o.Clients).Select(i => new Publishers.Account($"raw-{i:D5}", "x")).ToList());
        var payload = Scan(1, "raw");
        var topics = Enumerable.Range(0, o.Clients).Select(i => $"dev/raw-{i:D5}/scan").ToArray();
        MqttApplicationMessage Next(int c, long n) => Publishers.Message(topics[c], payload);
        var (warm, _, _) = await Publishers.RunAsync(clients, o.InFlight, TimeSpan.FromSeconds(o.WarmupSeconds), Next);
        if (subscriber != null) await subscriber.WaitForAsync(warm, TimeSpan.FromSeconds(60));
        long receivedBefore = subscriber?.Received ?? 0;
        var cpu = CpuTime();
        var (acked, failed, elapsed) = await Publishers.RunAsync(clients, o.InFlight, TimeSpan.FromSeconds(o.Seconds), Next);
        double perSecond;
        if (subscriber != null)
        {
            // The broker acknowledges faster than it hands messages on: they queue for the subscriber. What passed
            // through is what reached it, from the first publish of the window until the queue was empty again,
            // the same measure as the durable run's "relayed/s until the backlog was empty".
            long inWindow = subscriber.Received - receivedBefore;
            var drain = Stopwatch.StartNew();
            bool drained = await subscriber.WaitForAsync(warm + acked, TimeSpan.FromSeconds(120));
            drain.Stop();
            perSecond = drained ? acked / (elapsed + drain.Elapsed).TotalSeconds : double.NaN;
            row("raw pass-through: delivered to the subscriber, first publish to queue empty (bare MQTTnet server)",
                drained ? $"{perSecond:N0} msg/s ({acked:N0} messages, queue empty {drain.Elapsed.TotalSeconds:N1} s after the run)"
                        : $"queue not empty 120 s after the run ({warm + acked - subscriber.Received:N0} waiting)", "");
            row("raw pass-through: PUBACKed/s and delivered/s while publishing",
                $"{acked / elapsed.TotalSeconds:N0} / {inWindow / elapsed.TotalSeconds:N0} msg/s ({failed} failed)", "");
            row("raw pass-through: process CPU per message, until delivered (publishers + broker + subscriber)",
                CpuPerMessage(CpuTime() - cpu, acked, elapsed + drain.Elapsed), "");
        }
        else
        {
            perSecond = acked / elapsed.TotalSeconds;
            row("raw ingest, PUBACKed with nobody subscribed (bare MQTTnet server)", $"{perSecond:N0} msg/s ({acked:N0} PUBACKed, {failed} failed)", "");
            row("raw ingest: process CPU per message (publishers + broker)", CpuPerMessage(CpuTime() - cpu, acked, elapsed), "");
        }
        await Publishers.DisconnectAllAsync(clients);
        if (subscriber != null) await subscriber.DisposeAsync();
        await server.StopAsync(new MQTTnet.Server.MqttServerStopOptionsBuilder().Build());
        server.Dispose();
        return perSecond;
    }

    /// <summary>Bytes this process caused to be written to storage (Linux /proc/self/io write_bytes).</summary>
    private static long WrittenBytes()
    {
        try
        {
            foreach (var line in System.IO.File.ReadLines("/proc/self/io"))
                if (line.StartsWith("write_bytes:", StringComparison.Ordinal)) return long.Parse(line[12..].Trim());
        }
        catch (Exception) { }
        return 0;
    }

    /// <summary>Cores this process kept busy, on average, over <paramref name="window"/>.</summary>
    private static async Task<double> CoresBusyAsync(TimeSpan window)
    {
        var cpu = CpuTime();
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        return (CpuTime() - cpu).TotalSeconds / clock.Elapsed.TotalSeconds;
    }

    private static TimeSpan CpuTime() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>
    /// CPU time per message and the share of the cores the process got: on a shared machine this shows whether a
    /// low rate is this code's cost or other work taking the cores.
    /// </summary>
    private static string CpuPerMessage(TimeSpan cpu, long messages, TimeSpan wall) =>
        messages == 0 ? "no messages" :
        $"{cpu.TotalMilliseconds * 1000 / messages:N0} µs ({cpu.TotalSeconds / wall.TotalSeconds:N2} of {Environment.ProcessorCount} cores busy in this process)";

    /// <summary>The machine's 1/5/15-minute load averages (Linux), to judge how shared the cores were.</summary>
    internal static string LoadAverage()
    {
        try { return string.Join(" ", System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[..3]); }
        catch (Exception) { return "unknown"; }
    }

    private static byte[] Scan(uint seq, string data) =>
        new ScanMessage { Seq = seq, UnixTime = 1767225600, AgeMillis = 5, Data = Encoding.UTF8.GetBytes(data) }.Encode();

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task<bool> WaitForRelayAsync(GatewayUnderTest gateway, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (gateway.PendingCount() > 0)
        {
            if (clock.Elapsed > limit) return false;
            await Task.Delay(20);
        }
        return true;
    }
}

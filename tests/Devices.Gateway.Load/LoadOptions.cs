using System;
using System.Collections.Generic;

namespace Devices.Gateway.Load;

/// <summary>Sizes and durations from "--name value" pairs; the defaults finish in about 2-3 minutes.</summary>
public sealed class LoadOptions
{
    public int Clients { get; private set; } = 200;
    public int InFlight { get; private set; } = 1;
    public double Seconds { get; private set; } = 15;
    /// <summary>
    /// Warm-up before each measured part. The JIT's tiering (tier 0, instrumented, optimized) takes tens of seconds
    /// of CPU on two shared cores; a gateway runs for months, so the measured parts should see optimized code.
    /// </summary>
    public double WarmupSeconds { get; private set; } = 10;
    public int Rate { get; private set; } = 1000;
    public double LatencySeconds { get; private set; } = 10;
    public int Devices { get; private set; } = 10_000;
    public double ConnectSeconds { get; private set; } = 60;
    /// <summary>Relay:BatchSize for the gateway under test: scans per webhook request.</summary>
    public int RelayBatch { get; private set; } = 100;
    /// <summary>Extra gateway settings ("--set Section:Key=Value", repeatable), e.g. to compare option values.</summary>
    public List<string> GatewaySettings { get; } = new();
    /// <summary>Which parts run (raw, ingest, latency, durable, connect); all by default. Fewer for profiling one part.</summary>
    public string[] Phases { get; private set; } = AllPhases;

    public static readonly string[] AllPhases = ["raw", "ingest", "latency", "durable", "connect"];

    public bool Runs(string phase) => Array.IndexOf(Phases, phase) >= 0;

    public const string Usage =
        "Devices.Gateway.Load [--clients 200] [--inflight 1] [--seconds 15] [--warmup 10] [--rate 1000] [--latency-seconds 10] " +
        "[--devices 10000] [--connect-seconds 60] [--relay-batch 100] [--set Section:Key=Value ...] [--phases raw,ingest,latency,durable,connect]";

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        for (int i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length) throw new ArgumentException($"{args[i]} needs a value. Usage: {Usage}");
            string v = args[i + 1];
            switch (args[i])
            {
                case "--clients": o.Clients = Positive(args[i], v); break;
                case "--inflight": o.InFlight = Positive(args[i], v); break;
                case "--seconds": o.Seconds = PositiveSeconds(args[i], v); break;
                case "--warmup": o.WarmupSeconds = PositiveSeconds(args[i], v); break;
                case "--rate": o.Rate = Positive(args[i], v); break;
                case "--latency-seconds": o.LatencySeconds = PositiveSeconds(args[i], v); break;
                case "--devices": o.Devices = Positive(args[i], v); break;
                case "--connect-seconds": o.ConnectSeconds = PositiveSeconds(args[i], v); break;
                case "--relay-batch": o.RelayBatch = Positive(args[i], v); break;
                case "--set":
                    if (!v.Contains(':') || !v.Contains('=')) throw new ArgumentException($"--set takes Section:Key=Value; got \"{v}\".");
                    o.GatewaySettings.Add(v);
                    break;
                case "--phases": o.Phases = ParsePhases(v); break;
                default: throw new ArgumentException($"Unknown option {args[i]}. Usage: {Usage}");
            }
        }
        return o;
    }

    private static string[] ParsePhases(string v)
    {
        var phases = v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var p in phases)
            if (Array.IndexOf(AllPhases, p) < 0) throw new ArgumentException($"--phases: unknown phase \"{p}\" (known: {string.Join(",", AllPhases)}).");
        return phases.Length > 0 ? phases : throw new ArgumentException("--phases needs at least one phase.");
    }

    private static int Positive(string name, string v) =>
        int.TryParse(v, out int n) && n > 0 ? n : throw new ArgumentException($"{name} must be a positive whole number; got \"{v}\".");

    private static double PositiveSeconds(string name, string v) =>
        double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out double s) && s > 0
            ? s : throw new ArgumentException($"{name} must be a positive number of seconds; got \"{v}\".");
}

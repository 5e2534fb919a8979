using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace Devices.Gateway.Outbox;

/// <summary>
/// The scan pipeline's instruments on the gateway's meter "Devices.Gateway" (the OpenTelemetry exporter is
/// wired by the Telemetry module).
/// </summary>
public sealed class ScanMetrics
{
    public const string MeterName = "Devices.Gateway";

    private readonly Meter _meter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _relayed;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _deadLettered;
    private readonly Histogram<double> _relayLatency;

    public ScanMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _received = _meter.CreateCounter<long>("gateway.scans.received", "{scan}",
            "Scans durably stored in the outbox (duplicate=true: replays that were already stored).");
        _relayed = _meter.CreateCounter<long>("gateway.scans.relayed", "{scan}", "Scans the backend accepted (2xx).");
        _retried = _meter.CreateCounter<long>("gateway.scans.retried", "{scan}", "Failed deliveries scheduled for a retry.");
        _deadLettered = _meter.CreateCounter<long>("gateway.scans.dead_lettered", "{scan}",
            "Scans given up after the retry horizon (visible and re-sendable through the API).");
        _relayLatency = _meter.CreateHistogram<double>("gateway.relay.latency", "ms",
            "From the gateway receiving a scan to the backend accepting it.");
    }

    public void Received(bool duplicate) => _received.Add(1, new KeyValuePair<string, object?>("duplicate", duplicate));

    public void Relayed(int count) => _relayed.Add(count);

    public void Retried(int count) => _retried.Add(count);

    public void DeadLettered(int count) => _deadLettered.Add(count);

    public void RelayLatency(TimeSpan latency) => _relayLatency.Record(latency.TotalMilliseconds);

    /// <summary>Registers the outbox depth gauge (pending scans), read when metrics are collected.</summary>
    public void ObserveOutboxDepth(Func<long> pending) =>
        _meter.CreateObservableGauge("gateway.outbox.depth", pending, "{scan}", "Scans stored and not yet delivered or dead-lettered.");
}

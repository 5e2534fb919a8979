using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Devices.Gateway.Outbox;
using Devices.Gateway.Reconciliation;
using Devices.Gateway.Registry;
using Devices.Gateway.Scans;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Devices.Gateway.StaffConsole;

/// <summary>
/// Feeds the live event stream: about once a second, while a console is connected, it reads the device registry,
/// device status, reconciliation and the newest scans, and publishes what changed since the last look. Reading
/// (instead of hooking the MQTT and outbox paths) keeps those hot paths free of console work.
/// </summary>
public sealed class ConsolePoller(
    ConsoleEvents events,
    IDeviceRegistry registry,
    DeviceStatusStore status,
    Reconciler reconciler,
    ScanOutbox outbox,
    ILogger<ConsolePoller> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public const int ScanWindow = 200;

    private readonly Dictionary<string, DeviceEvent> _devices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContentEvent> _content = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (OutboxEventState State, int Attempts)> _deliveries = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _lastScanId = -1;
    private bool _primed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await _gate.WaitAsync(stoppingToken);
                try
                {
                    // Nobody is watching: forget, and look again from scratch when someone connects.
                    if (events.ClientCount == 0) _primed = false;
                    else await PollAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "The console's live view could not read the gateway state; trying again.");
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>
    /// Called by a console that just connected, before it is told "hello": takes the first look now if there is
    /// none, so every change after "hello" is published (the page loads its data after "hello").
    /// </summary>
    public async Task EnsurePrimedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_primed) await PollAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One look: publishes the differences to the previous look (nothing on the first one). Callers hold the gate.</summary>
    private async Task PollAsync(CancellationToken cancellationToken)
    {
        bool publish = _primed;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in registry.List())
        {
            seen.Add(d.Id);
            var state = await reconciler.GetStateAsync(d.Id, cancellationToken);
            var view = new DeviceEvent(d.Id, d.Name, d.KindName, d.Sku, status.Get(d.Id), state);
            // Records compare by value, so a device is serialized only when it changed (10,000 devices: an open
            // console's cost fell from 0.045–0.066 to 0.032–0.039 cores; docs/benchmarks.md).
            if (!_devices.TryGetValue(d.Id, out var old) || !old.Equals(view))
            {
                _devices[d.Id] = view;
                if (publish) events.Publish("device", view);
            }
            var content = new ContentEvent(d.Id, state.DesiredVersion, state.AppliedVersion,
                state.Rejected is { } r ? r.Result + (r.Detail.Length > 0 ? ": " + r.Detail : "") : null);
            if (!_content.TryGetValue(d.Id, out var oldContent) || oldContent != content)
            {
                _content[d.Id] = content;
                if (publish) events.Publish("content", content);
            }
        }
        foreach (var id in new List<string>(_devices.Keys))
        {
            if (!seen.Contains(id)) { _devices.Remove(id); _content.Remove(id); }
        }

        var recent = new List<OutboxEvent>(outbox.Recent(ScanWindow));
        recent.AddRange(outbox.DeadLetters(ScanWindow));
        var window = new HashSet<long>();
        long newest = _lastScanId;
        // Oldest first, so a console that prepends each scan ends up newest first.
        for (int i = recent.Count - 1; i >= 0; i--)
        {
            var e = recent[i];
            if (!window.Add(e.Id)) continue;
            if (e.Id > _lastScanId && publish && _lastScanId >= 0) events.Publish("scan", ScanView.From(e));
            newest = Math.Max(newest, e.Id);
            var delivery = (e.State, e.Attempts);
            if (!_deliveries.TryGetValue(e.Id, out var before) || before != delivery)
            {
                _deliveries[e.Id] = delivery;
                if (publish) events.Publish("delivery", new DeliveryEvent(e.Id, e.Scan.DeviceId, DeliveryState(e), e.Attempts, e.LastError));
            }
        }
        foreach (var id in new List<long>(_deliveries.Keys)) if (!window.Contains(id)) _deliveries.Remove(id);
        _lastScanId = Math.Max(newest, 0);
        _primed = true;
    }

    public static string DeliveryState(OutboxEvent e) => e.State switch
    {
        OutboxEventState.Delivered => "delivered",
        OutboxEventState.DeadLetter => "dead",
        _ => e.Attempts > 0 ? "retrying" : "pending",
    };
}

/// <summary>Event "device": the device's status and reconciliation (as GET /api/devices/{id}/status) with its name, kind and SKU.</summary>
public sealed record DeviceEvent(string Id, string Name, string Kind, string? Sku, DeviceStatusEntry Status, ReconciliationState Content);

/// <summary>Event "content": desired vs applied version, and why the device refused the desired one (null when it did not).</summary>
public sealed record ContentEvent(string DeviceId, uint DesiredVersion, uint AppliedVersion, string? RejectedReason);

/// <summary>Event "delivery": a scan's webhook state: pending, delivered, retrying or dead.</summary>
public sealed record DeliveryEvent(long EventId, string DeviceId, string State, int Attempts, string? LastError);

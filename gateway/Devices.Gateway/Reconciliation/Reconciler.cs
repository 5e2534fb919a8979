using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Registry;
using Devices.Gateway.Downlink;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Reconciliation;

/// <summary>
/// Keeps each device's applied content equal to its desired content (docs/protocol.md §6): answers hello with
/// welcome (time, desired version) and the content when they differ, re-sends to online devices with doubling
/// waits until an ack reports the desired version applied, and stops for a version the device refused for good
/// (its reason is kept). Its loop only does the timed re-sends; hello, acks and content changes act at once.
/// </summary>
public sealed class Reconciler(
    IContentSource content,
    IDownlink downlink,
    DeviceStatusStore status,
    IOptions<ReconciliationOptions> options,
    TimeProvider time,
    ILogger<Reconciler> logger) : BackgroundService
{
    private sealed class Pending
    {
        public uint Version;
        public int Attempts;
        public DateTimeOffset LastSentAt;
        public DateTimeOffset NextAt;
    }

    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ContentRejection> _rejected = new(StringComparer.Ordinal);
    private readonly ReconciliationOptions _options = options.Value;

    public async Task OnHelloAsync(string deviceId, HelloMessage hello, CancellationToken cancellationToken)
    {
        var desired = await content.GetDesiredAsync(deviceId, cancellationToken);
        var welcome = new WelcomeMessage
        {
            UnixTime = (uint)time.GetUtcNow().ToUnixTimeSeconds(),
            DesiredContentVersion = desired?.Version ?? 0,
            WakeIntervalSeconds = _options.WakeIntervalSeconds,
        };
        await downlink.PublishAsync(deviceId, TopicKind.Welcome, welcome.Encode(), cancellationToken);
        await ReconcileAsync(deviceId, desired, hello.AppliedContentVersion, cancellationToken);
    }

    public async Task OnAckAsync(string deviceId, AckMessage ack, CancellationToken cancellationToken)
    {
        var desired = await content.GetDesiredAsync(deviceId, cancellationToken);
        if (desired != null && ack.ContentVersion == desired.Version && ack.AppliedContentVersion != desired.Version
            && (IsPermanent(ack.Result) || (ack.Result == AckResult.Replay && ack.AppliedContentVersion > desired.Version)))
        {
            _pending.TryRemove(deviceId, out _);
            _rejected[deviceId] = new ContentRejection(desired.Version, Names.Of(ack.Result), ack.Detail, time.GetUtcNow());
            logger.LogWarning("Device {DeviceId} refused content v{Version}: {Result} ({Detail}).", deviceId, desired.Version, Names.Of(ack.Result), ack.Detail);
            return;
        }
        await ReconcileAsync(deviceId, desired, ack.AppliedContentVersion, cancellationToken);
    }

    /// <summary>The content store calls this after a device's desired content changed: an online device gets it now.</summary>
    public async Task DesiredChangedAsync(string deviceId, CancellationToken cancellationToken)
    {
        var s = status.Get(deviceId);
        var desired = await content.GetDesiredAsync(deviceId, cancellationToken);
        if (!s.Online)
        {
            _pending.TryRemove(deviceId, out _);
            _rejected.TryRemove(deviceId, out _);
            return;
        }
        await ReconcileAsync(deviceId, desired, s.AppliedContentVersion, cancellationToken);
    }

    /// <summary>The device went offline: stop re-sending; its next hello starts over.</summary>
    public void OnOffline(string deviceId) => _pending.TryRemove(deviceId, out _);

    public async Task<ReconciliationState> GetStateAsync(string deviceId, CancellationToken cancellationToken)
    {
        var desired = await content.GetDesiredAsync(deviceId, cancellationToken);
        uint applied = status.Get(deviceId).AppliedContentVersion;
        uint want = desired?.Version ?? 0;
        _pending.TryGetValue(deviceId, out var p);
        _rejected.TryGetValue(deviceId, out var r);
        return new ReconciliationState(want, applied, want == 0 || want == applied, p?.Attempts ?? 0, p?.LastSentAt,
            r != null && r.Version == want ? r : null);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(_options.RetryInitial.TotalMilliseconds / 4, 20, 1000));
        using var timer = new PeriodicTimer(tick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await ResendDueAsync(stoppingToken);
        }
        catch (OperationCanceledException) { }
    }

    private async Task ResendDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (deviceId, p) in _pending)
        {
            if (p.NextAt > now) continue;
            if (!status.Get(deviceId).Online)
            {
                _pending.TryRemove(deviceId, out _);
                continue;
            }
            try { await DesiredChangedAsync(deviceId, cancellationToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Re-sending content to {DeviceId} failed: {Error}", deviceId, e.Message);
            }
        }
    }

    private async Task ReconcileAsync(string deviceId, DesiredContent? desired, uint applied, CancellationToken cancellationToken)
    {
        if (desired == null || desired.Version == applied)
        {
            _pending.TryRemove(deviceId, out _);
            return;
        }
        if (_rejected.TryGetValue(deviceId, out var r))
        {
            if (r.Version == desired.Version) return; // refused for good: sending the same bytes again cannot help
            _rejected.TryRemove(deviceId, out _);
        }
        var now = time.GetUtcNow();
        var p = _pending.AddOrUpdate(deviceId,
            _ => new Pending { Version = desired.Version },
            (_, old) => old.Version == desired.Version ? old : new Pending { Version = desired.Version });
        lock (p)
        {
            p.Attempts++;
            p.LastSentAt = now;
            double wait = Math.Min(_options.RetryInitial.TotalMilliseconds * Math.Pow(2, Math.Min(p.Attempts - 1, 20)), _options.RetryMax.TotalMilliseconds);
            p.NextAt = now + TimeSpan.FromMilliseconds(wait);
        }
        await downlink.PublishAsync(deviceId, TopicKind.Content, desired.Envelope, cancellationToken);
    }

    // A Replay with a newer applied version means this gateway lost its versions: only new content above it helps.
    /// <summary>Results that the same envelope would get again; StorageFailed (and anything unknown) is worth a retry.</summary>
    private static bool IsPermanent(AckResult result) => result switch
    {
        AckResult.BadSignature or AckResult.TooLarge or AckResult.Malformed or AckResult.UnsupportedVersion
            or AckResult.WrongDevice or AckResult.WrongKind => true,
        _ => false,
    };
}

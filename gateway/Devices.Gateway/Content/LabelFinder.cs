using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Downlink;
using Devices.Gateway.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Devices.Gateway.Content;

/// <summary>The answer to "find this label": whether the blink went out now, and until when it waits for the next wake.</summary>
public sealed record FindResult(string DeviceId, bool SentNow, DateTimeOffset WaitingUntil);

/// <summary>
/// "Find this label": a shelf label sleeps almost all the time and only hears a notify in the fraction of a second
/// it is awake, so a blink sent once is usually lost. The request is kept (in memory, for an hour) and sent again
/// the moment the label next says hello; it is also sent at once when the label is online.
/// </summary>
public sealed class LabelFinder(IDownlink downlink, DeviceStatusStore status, TimeProvider time, ILogger<LabelFinder> log) : IHostedService
{
    public static readonly TimeSpan Keep = TimeSpan.FromHours(1);
    public const uint Blinks = 5;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _waiting = new(StringComparer.Ordinal);

    public async Task<FindResult> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + Keep;
        _waiting[deviceId] = until;
        bool sent = false;
        if (status.Get(deviceId).Online)
        {
            await downlink.PublishAsync(deviceId, TopicKind.Notify, Blink(), cancellationToken);
            sent = true;
        }
        return new FindResult(deviceId, sent, until);
    }

    /// <summary>True while a find request waits for the device's next wake.</summary>
    public bool IsWaiting(string deviceId) => _waiting.TryGetValue(deviceId, out var until) && until > time.GetUtcNow();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        status.OnlineChanged += OnOnlineChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        status.OnlineChanged -= OnOnlineChanged;
        return Task.CompletedTask;
    }

    private void OnOnlineChanged(string deviceId, bool online)
    {
        if (!online || !_waiting.TryRemove(deviceId, out var until) || until <= time.GetUtcNow()) return;
        // Raised on the uplink path: publish without holding it up.
        _ = Task.Run(async () =>
        {
            try { await downlink.PublishAsync(deviceId, TopicKind.Notify, Blink(), CancellationToken.None); }
            catch (Exception e) { log.LogWarning(e, "Find-me blink for {Device} could not be published", deviceId); }
        });
    }

    private static byte[] Blink() => new NotifyMessage { Led = LedPattern.FastBlink, LedCount = Blinks, DisplaySeconds = 0 }.Encode();
}

using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Apps;
using Devices.Gateway.Downlink;
using Devices.Gateway.Reconciliation;
using Devices.Gateway.Registry;
using Devices.Gateway.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Content;

/// <summary>The answer to "find this label": whether the blink went out now, and until when it waits for the next wake.</summary>
public sealed record FindResult(string DeviceId, bool SentNow, DateTimeOffset WaitingUntil);

/// <summary>
/// "Find this label": a shelf label sleeps almost all the time and only hears a notify in the fraction of a second
/// it is awake, so a blink sent once is usually lost. The request is kept (for two wake intervals and at least an
/// hour, so one missed wake does not lose it; in the database too, so a gateway restart does not) and sent again the
/// moment the label next comes online; it is also sent at once when the label is online.
/// </summary>
public sealed class LabelFinder(IDownlink downlink, DeviceStatusStore status, GatewayDatabase database, TimeProvider time,
    IOptions<ReconciliationOptions> reconciliation, ILogger<LabelFinder> log) : IHostedService
{
    public const uint Blinks = 5;

    /// <summary>How long a request waits for the label's next wake.</summary>
    public TimeSpan Keep
    {
        get
        {
            uint wake = reconciliation.Value.WakeIntervalSeconds > 0 ? reconciliation.Value.WakeIntervalSeconds : new ShelfLabelOptions().DefaultWakeSeconds;
            var twoWakes = TimeSpan.FromSeconds(2.0 * wake) + TimeSpan.FromMinutes(5);
            return twoWakes > TimeSpan.FromHours(1) ? twoWakes : TimeSpan.FromHours(1);
        }
    }

    private readonly ConcurrentDictionary<string, DateTimeOffset> _waiting = new(StringComparer.Ordinal);

    public async Task<FindResult> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + Keep;
        _waiting[deviceId] = until;
        Execute("INSERT INTO label_find_requests (device_id, until_ms) VALUES ($device, $until) " +
                "ON CONFLICT (device_id) DO UPDATE SET until_ms = excluded.until_ms", deviceId, until.ToUnixTimeMilliseconds());
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
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS label_find_requests (device_id TEXT PRIMARY KEY, until_ms INTEGER NOT NULL);
                DELETE FROM label_find_requests WHERE until_ms <= $now;
                SELECT device_id, until_ms FROM label_find_requests;
                """;
            command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
            using var reader = command.ExecuteReader();
            while (reader.Read()) _waiting[reader.GetString(0)] = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
        }
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
        if (!online || !_waiting.TryRemove(deviceId, out var until)) return;
        // Raised on the uplink path: publish and forget the request without holding it up.
        _ = Task.Run(async () =>
        {
            try
            {
                Execute("DELETE FROM label_find_requests WHERE device_id = $device AND until_ms = $until", deviceId, until.ToUnixTimeMilliseconds());
                if (until > time.GetUtcNow()) await downlink.PublishAsync(deviceId, TopicKind.Notify, Blink(), CancellationToken.None);
            }
            catch (Exception e) { log.LogWarning(e, "Find-me blink for {Device} could not be published", deviceId); }
        });
    }

    private void Execute(string sql, string deviceId, long untilMs)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$device", deviceId);
        command.Parameters.AddWithValue("$until", untilMs);
        command.ExecuteNonQuery();
    }

    private static byte[] Blink() => new NotifyMessage { Led = LedPattern.FastBlink, LedCount = Blinks, DisplaySeconds = 0 }.Encode();
}

using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Outbox;

/// <summary>Deletes delivered events older than the retention, every prune interval. Dead letters are never pruned.</summary>
public sealed class OutboxRetention(ScanOutbox outbox, IOptions<OutboxOptions> options, TimeProvider time,
    ILogger<OutboxRetention> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var o = options.Value;
        using var timer = new PeriodicTimer(o.PruneInterval, time);
        do
        {
            try
            {
                int pruned = await outbox.PruneDeliveredAsync(time.GetUtcNow() - o.DeliveredRetention);
                if (pruned > 0) log.LogInformation("Pruned {Count} delivered scans older than {Retention}", pruned, o.DeliveredRetention);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                log.LogError(e, "Pruning delivered scans failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
    }
}

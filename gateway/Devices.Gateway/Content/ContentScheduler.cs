using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Devices.Gateway.Content;

/// <summary>Applies scheduled content changes when their time comes (checked at least every second, and at once when one is added).</summary>
public sealed class ContentScheduler(
    ContentSchedule schedule, ContentStore store, ContentService service, IContentDevices devices, TimeProvider time,
    ILogger<ContentScheduler> log) : BackgroundService
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                ApplyDue();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Applying scheduled content failed; retrying shortly");
            }
            var next = schedule.NextDue();
            var wait = next is null ? MaxWait : next.Value - time.GetUtcNow();
            if (wait > MaxWait) wait = MaxWait;
            if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
            try { await schedule.Added.WaitAsync(wait, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    public void ApplyDue()
    {
        foreach (var item in schedule.Due(time.GetUtcNow()))
        {
            var device = devices.Find(item.DeviceId);
            if (device is null)
            {
                log.LogWarning("Scheduled content {Id} dropped: device {Device} no longer exists", item.Id, item.DeviceId);
                schedule.Remove(item.Id);
                continue;
            }
            var errors = new ValidationErrors();
            var prepared = service.FromPayload(device, item.Kind, item.Payload, errors);
            if (prepared is null)
            {
                log.LogWarning("Scheduled content {Id} for {Device} dropped: {Problem}", item.Id, item.DeviceId, errors.Summary());
            }
            else
            {
                var result = store.Set(device, prepared, null, item.Source + " (scheduled)");
                log.LogInformation("Scheduled content {Id} for {Device}: {Outcome}, version {Version}", item.Id, item.DeviceId, result.Outcome, result.Version);
            }
            schedule.Remove(item.Id);
        }
    }
}

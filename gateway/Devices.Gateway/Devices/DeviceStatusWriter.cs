using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Devices.Gateway.Registry;

/// <summary>
/// Writes changed device status to SQLite once a second and once more at shutdown. Takes the device metrics so
/// their gauge exists from the start (a singleton nobody asks for is never created).
/// </summary>
public sealed class DeviceStatusWriter(DeviceStatusStore store, DeviceMetrics metrics, ILogger<DeviceStatusWriter> logger) : BackgroundService
{
    public DeviceMetrics Metrics { get; } = metrics;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) FlushLogged();
        }
        catch (OperationCanceledException) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        FlushLogged();
    }

    private void FlushLogged()
    {
        try { store.Flush(); }
        catch (Exception e) { logger.LogWarning(e, "Device status could not be written; will retry."); }
    }
}

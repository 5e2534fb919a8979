using System;
using System.Threading;
using System.Threading.Tasks;
using Devices.Gateway.Reconciliation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Devices.Gateway.Content;

/// <summary>Tells the reconciler at once when a device's desired content changed, so an online device gets it within seconds.</summary>
public sealed class DesiredChangeForwarder(ContentStore store, Reconciler reconciler, ILogger<DesiredChangeForwarder> log) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.DesiredChanged += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        store.DesiredChanged -= OnChanged;
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    private void OnChanged(string deviceId) => _ = ForwardAsync(deviceId);

    private async Task ForwardAsync(string deviceId)
    {
        try { await reconciler.DesiredChangedAsync(deviceId, _stopping.Token); }
        catch (OperationCanceledException) { }
        catch (Exception e) { log.LogWarning(e, "Could not push new content to {Device} now; the reconciler retries on its next pass", deviceId); }
    }
}

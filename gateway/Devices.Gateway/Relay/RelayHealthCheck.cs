using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Devices.Gateway.Relay;

/// <summary>Degraded when no backend is configured or the endpoint was disabled by a 410.</summary>
public sealed class RelayHealthCheck(RelayStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var s = status.Current;
        var result = !s.Configured ? HealthCheckResult.Degraded("No backend configured (Relay:Url): scans are stored, not relayed.")
            : s.DisabledAt is not null ? HealthCheckResult.Degraded("Relay disabled: " + s.DisabledReason)
            : HealthCheckResult.Healthy(s.ConsecutiveFailures > 0 ? $"{s.ConsecutiveFailures} failed deliveries in a row" : "Relaying");
        return Task.FromResult(result);
    }
}

using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Demo;

/// <summary>Provisions and runs the simulated fleet of --demo.</summary>
public sealed class DemoFleet(IOptions<DemoOptions> options) : IHostedService
{
    public bool Enabled => options.Value.Enabled;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

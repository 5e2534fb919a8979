using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Devices.Gateway.Demo;

public static class DemoServiceCollectionExtensions
{
    /// <summary>The simulated fleet of --demo; nothing runs unless Demo:Enabled is true.</summary>
    public static IServiceCollection AddGatewayDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section))
            .Validate(o => o.Tents >= 0 && o.Labels >= 0 && o.Tents + o.Labels <= 2000, "Demo:Tents and Demo:Labels must be 0 or more, together at most 2000.")
            .ValidateOnStart();
        services.AddSingleton<DemoApiKey>();
        services.AddSingleton<DemoFleet>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoFleet>());
        return services;
    }
}

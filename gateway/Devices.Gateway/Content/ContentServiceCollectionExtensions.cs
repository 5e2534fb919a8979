using System;
using Devices.Gateway.Downlink;
using Devices.Gateway.Glyphs;
using Devices.Gateway.Verify;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Devices.Gateway.Content;

public static class ContentServiceCollectionExtensions
{
    /// <summary>Content store, schedule and scheduler, validation, glyphs from Unifont.</summary>
    public static IServiceCollection AddGatewayContent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewayGlyphs(configuration);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IContentDevices, RegistryContentDevices>();
        services.AddSingleton<ContentStore>();
        services.AddSingleton<ContentSchedule>();
        services.AddSingleton<ContentPreparation>();
        services.AddSingleton<ContentService>();
        services.AddSingleton<PriceUpdater>();
        services.AddSingleton<LabelFinder>();
        services.AddHostedService(sp => sp.GetRequiredService<LabelFinder>());
        services.AddSingleton<IContentSource, StoreContentSource>();
        services.AddHostedService<ContentScheduler>();
        services.AddGatewayVerify(); // checks links against the tents' content
        services.AddHostedService<DesiredChangeForwarder>();
        return services;
    }
}

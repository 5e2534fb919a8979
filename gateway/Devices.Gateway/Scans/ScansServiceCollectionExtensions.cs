using System;
using Devices.Gateway.Api;
using Devices.Gateway.DemoBackend;
using Devices.Gateway.Outbox;
using Devices.Gateway.Relay;
using Devices.Gateway.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Scans;

/// <summary>The scan pipeline's one line in Program.cs each: outbox, relay, retention, demo backend, scans API.</summary>
public static class ScansServiceCollectionExtensions
{
    public static IServiceCollection AddScans(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RelayOptions>().Bind(configuration.GetSection(RelayOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RelayOptions>, RelayOptionsValidator>();
        services.AddOptions<DemoBackendOptions>().Bind(configuration.GetSection(DemoBackendOptions.Section));

        // --demo: the relay points at the demo backend on this gateway, with a secret made up for this run.
        var demoSecret = WebhookSecret.Generate();
        services.AddOptions<RelayOptions>().PostConfigure<IOptions<DemoBackendOptions>>((relay, demo) =>
        {
            if (!demo.Value.Enabled) return;
            if (relay.Url.Length == 0) relay.Url = DemoBackendOptions.WebhookPath;
            if (relay.Secret.Length == 0) relay.Secret = demoSecret;
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<ScanMetrics>();
        services.AddSingleton<ScanOutbox>();
        services.AddSingleton<IScanOutbox>(sp => sp.GetRequiredService<ScanOutbox>());
        services.AddHostedService<OutboxRetention>();

        services.TryAddSingleton<IDeviceFeedback, LoggedDeviceFeedback>();
        services.TryAddSingleton<IDeviceNames, NoDeviceNames>();
        services.AddSingleton<RelayStatus>();
        services.AddHttpClient(ScanRelay.HttpClientName, c => c.DefaultRequestHeaders.UserAgent.ParseAdd("devices-gateway-relay/1"));
        services.AddSingleton<ScanRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<ScanRelay>());
        services.AddHealthChecks().AddCheck<RelayHealthCheck>("relay");

        services.AddSingleton<ScanStatistics>();
        services.AddSingleton<DemoBackendInbox>();
        return services;
    }

    /// <summary>The scans API under /api and, when enabled, the demo backend.</summary>
    public static IEndpointRouteBuilder MapScans(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").RequireApiKey().MapScanEndpoints();
        app.MapDemoBackend();
        return app;
    }
}

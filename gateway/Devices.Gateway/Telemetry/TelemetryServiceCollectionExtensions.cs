using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Devices.Gateway.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>OpenTelemetry metrics: the gateway's meters and ASP.NET Core's, scraped by Prometheus, pushed by OTLP when configured.</summary>
    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TelemetryOptions.Section);
        services.AddOptions<TelemetryOptions>().Bind(section)
            .Validate(o => o.PrometheusPath.StartsWith('/'), "Telemetry:PrometheusPath must start with '/'.")
            .Validate(o => string.IsNullOrEmpty(o.OtlpEndpoint) || Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out _),
                "Telemetry:OtlpEndpoint must be an absolute URI such as http://127.0.0.1:4317.")
            .ValidateOnStart();
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("devices-gateway"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(TelemetryOptions.MeterName, TelemetryOptions.MeterName + ".*");
                // ASP.NET Core's built-in meters (request duration, active requests, connections).
                metrics.AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics");
                metrics.AddPrometheusExporter();
                if (!string.IsNullOrEmpty(options.OtlpEndpoint) && Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint))
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = endpoint);
                }
            });
        return services;
    }

    public static WebApplication MapGatewayTelemetry(this WebApplication app)
    {
        var path = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.PrometheusPath;
        app.MapPrometheusScrapingEndpoint(path).AllowAnonymous();
        return app;
    }
}

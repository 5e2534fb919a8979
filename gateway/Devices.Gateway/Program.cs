using Devices.Gateway.Api;
using Devices.Gateway.Scans;
using Devices.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Devices.Gateway;

public static class Program
{
    public static int Main(string[] args)
    {
        var app = Build(args);
        app.Run();
        return 0;
    }

    /// <summary>The whole gateway; tests build it with their own arguments (ports, data folder) and run it.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Host.UseSystemd();
        builder.Host.UseWindowsService();

        // One line per module: each registers its options, services and hosted services.
        builder.Services.AddGatewayStorage(builder.Configuration);
        builder.Services.AddGatewayApi(builder.Configuration);
        builder.Services.AddScans(builder.Configuration);

        var app = builder.Build();
        app.MapGatewayApi();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        app.MapScans();
        return app;
    }
}

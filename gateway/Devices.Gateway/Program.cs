using System;
using Devices.Gateway.Api;
using Devices.Gateway.Content;
using Devices.Gateway.Demo;
using Devices.Gateway.Notify;
using Devices.Gateway.Preview;
using Devices.Gateway.Registry;
using Devices.Gateway.Scans;
using Devices.Gateway.StaffConsole;
using Devices.Gateway.Storage;
using Devices.Gateway.Telemetry;
using Devices.Gateway.Verify;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Devices.Gateway;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == PasswordHashCommand.Name)
            return PasswordHashCommand.Run(Console.In, Console.Out, Console.Error, !Console.IsInputRedirected);
        WebApplication app;
        try
        {
            app = Build(args);
            app.Start();
        }
        catch (Exception e) when (StartupFailure.Describe(e) is string line)
        {
            Console.Error.WriteLine($"devices-gateway: cannot start: {line}");
            return 2;
        }
        app.WaitForShutdown();
        return 0;
    }

    /// <summary>
    /// The whole gateway; tests build it with their own arguments (ports, data folder) and run it, and may
    /// replace services last (<paramref name="configureServices"/>).
    /// </summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        bool demo = DemoSettings.TakeSwitch(ref args);
        // Content root = where the gateway is installed, so appsettings.json is found whatever the working directory
        // (a service manager's is often "/"); relative data folders still resolve against the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (demo) DemoSettings.Apply(builder.Configuration);
        builder.Host.UseSystemd();
        builder.Host.UseWindowsService();

        // One line per module: each registers its options, services and hosted services.
        builder.Services.AddGatewayStorage(builder.Configuration);
        builder.Services.AddGatewayApi(builder.Configuration);
        builder.Services.AddScans(builder.Configuration);
        builder.Services.AddGatewayContent(builder.Configuration);
        builder.Services.AddGatewayTelemetry(builder.Configuration);
        builder.Services.AddGatewayDevices(builder.Configuration);
        builder.Services.AddGatewayDemo(builder.Configuration);
        builder.Services.AddStaffConsole(builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapGatewayApi();
        app.MapContentEndpoints();
        app.MapNotifyEndpoints();
        app.MapVerifyEndpoints();
        app.MapPreviewEndpoints();
        app.MapGatewayTelemetry();
        app.MapGatewayHealth();
        app.MapScans();
        app.MapGroup("/api").RequireApiKey().MapDeviceEndpoints();
        app.MapStaffConsole();
        return app;
    }
}

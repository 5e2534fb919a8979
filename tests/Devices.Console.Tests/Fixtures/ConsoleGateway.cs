using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Devices.Gateway;
using Devices.Gateway.Demo;
using Devices.Gateway.Reconciliation;
using Devices.Gateway.Registry;
using Devices.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Devices.Console.Tests.Fixtures;

/// <summary>
/// The real gateway (Program.Build) in --demo mode on 127.0.0.1: HTTP on a free port, the embedded broker on another,
/// SQLite in a temp folder, a small simulated fleet (the real Core tent and label apps) and the demo backend as the
/// webhook receiver. Labels are told to wake every 60 device seconds, which the demo's time divisor (60) makes one
/// real second, so a change reaches a label's frame within a few seconds. No automatic scans: tests make their own.
/// </summary>
public sealed class ConsoleGateway : IAsyncDisposable
{
    public const string ApiKey = "console-e2e-key-0123456789";
    /// <summary>A staff account configured the way an owner would: name + ASP.NET Core Identity (PBKDF2) hash.</summary>
    public const string StaffName = "Mei";
    public const string StaffPassword = "tea-and-noodles-42";
    public const int Tents = 2;
    public const int Labels = 4;

    private ConsoleGateway(string folder) { DataFolder = folder; }

    public WebApplication App { get; private set; } = null!;
    public string DataFolder { get; }
    /// <summary>The embedded broker's port on 127.0.0.1.</summary>
    public int MqttPort { get; } = Devices.TestSupport.FreePort.Next();
    /// <summary>e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";
    /// <summary>An HTTP client that carries the API key (the way a backend calls the gateway).</summary>
    public HttpClient Api { get; private set; } = null!;

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>The simulated devices of the demo fleet (their frames, LEDs, scanners).</summary>
    public Simulation Simulation => Service<DemoFleet>().Simulation ?? throw new InvalidOperationException("The demo fleet is not running.");

    public static string[] DeviceIds =>
        Enumerable.Range(1, Tents).Select(i => $"demo-tent-{i}").Concat(Enumerable.Range(1, Labels).Select(i => $"demo-label-{i:D2}")).ToArray();

    public static async Task<ConsoleGateway> StartAsync(IEnumerable<string>? extraArgs = null)
    {
        var gateway = new ConsoleGateway(Path.Combine(Path.GetTempPath(), "console-e2e-" + Guid.NewGuid().ToString("N")));
        var args = new List<string>
        {
            "--demo",
            "--urls=http://127.0.0.1:0",
            "--Storage:DataFolder=" + gateway.DataFolder,
            "--Mqtt:BindAddress=127.0.0.1",
            "--Mqtt:Port=" + gateway.MqttPort,
            "--Demo:Tents=" + Tents,
            "--Demo:Labels=" + Labels,
            "--Demo:ScanEveryMs=0",
            "--Reconciliation:WakeIntervalSeconds=60",
            "--Api:Keys:0:Name=console-e2e",
            "--Api:Keys:0:Key=" + ApiKey,
            "--Console:Accounts:0:Name=" + StaffName,
            "--Console:Accounts:0:PasswordHash=" + new PasswordHasher<object>().HashPassword(new object(), StaffPassword),
            "--Logging:LogLevel:Default=Warning",
        };
        if (extraArgs != null) args.AddRange(extraArgs);
        gateway.App = Program.Build(args.ToArray());
        await gateway.App.StartAsync();
        gateway.BaseUrl = gateway.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        gateway.Api = new HttpClient { BaseAddress = new Uri(gateway.BaseUrl) };
        gateway.Api.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        await gateway.WaitForFleetAsync();
        return gateway;
    }

    /// <summary>Every simulated device said hello and shows its demo content.</summary>
    private async Task WaitForFleetAsync()
    {
        var status = Service<DeviceStatusStore>();
        var reconciler = Service<Reconciler>();
        await Poll.UntilAsync(() => DeviceIds.All(id => status.Get(id).LastSeen != null), "every simulated device said hello", 60_000);
        await Poll.UntilAsync(() => DeviceIds.All(id => reconciler.GetStateAsync(id, default).Result is { InSync: true, AppliedVersion: > 0 }),
            "every simulated device applied its demo content", 60_000);
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        if (App != null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Devices.Firmware.Core.Security;
using Devices.Gateway.Registry;
using Devices.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Devices.Gateway.Tests.Fixtures;

/// <summary>
/// The real gateway (Program.Build) with its embedded broker on 127.0.0.1 and a free port, HTTP on port 0, SQLite
/// in a temp folder, one API key. Stop and start again over the same folder to simulate a restart.
/// </summary>
public sealed class MqttGateway : IAsyncDisposable
{
    public const string ApiKey = "mqtt-tests-key-0123456789";

    private readonly string[] _extraArgs;
    private readonly Action<IServiceCollection>? _configure;
    private readonly bool _ownsFolder;

    private MqttGateway(string folder, int mqttPort, string[] extraArgs, Action<IServiceCollection>? configure, bool ownsFolder)
    {
        DataFolder = folder;
        MqttPort = mqttPort;
        _extraArgs = extraArgs;
        _configure = configure;
        _ownsFolder = ownsFolder;
    }

    public WebApplication App { get; private set; } = null!;
    public string DataFolder { get; }
    public int MqttPort { get; }
    public HttpClient Api { get; private set; } = null!;
    public string DatabasePath => Path.Combine(DataFolder, "gateway.db");

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Starts a gateway; <paramref name="dataFolder"/> reuses another run's data.</summary>
    public static async Task<MqttGateway> StartAsync(string[]? extraArgs = null, Action<IServiceCollection>? configure = null, string? dataFolder = null, int? mqttPort = null)
    {
        var folder = dataFolder ?? Path.Combine(Path.GetTempPath(), "gw-mqtt-" + Guid.NewGuid().ToString("N"));
        var gateway = new MqttGateway(folder, mqttPort ?? FreePort.Next(), extraArgs ?? [], configure, dataFolder == null);
        await gateway.RunAsync();
        return gateway;
    }

    /// <summary>A second gateway over the same data folder and MQTT port (the first must be stopped).</summary>
    public Task<MqttGateway> RestartAsync(Action<IServiceCollection>? configure = null) =>
        StartAsync(_extraArgs, configure, DataFolder, MqttPort);

    private async Task RunAsync()
    {
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            "--Storage:DataFolder=" + DataFolder,
            "--Api:Keys:0:Name=tests",
            "--Api:Keys:0:Key=" + ApiKey,
            "--Logging:LogLevel:Default=Warning",
            "--Mqtt:BindAddress=127.0.0.1",
            "--Mqtt:Port=" + MqttPort,
        };
        args.AddRange(_extraArgs);
        App = Program.Build(args.ToArray(), _configure);
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Api = new HttpClient { BaseAddress = new Uri(address) };
        Api.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    /// <summary>Provisions a device through the registry and returns its identity (id + keys, as the device holds them).</summary>
    public DeviceIdentity Provision(string id, string kind = "tent")
    {
        var result = Service<IDeviceRegistry>().Provision(new ProvisionRequest { Id = id, Kind = kind });
        if (result.Status != ProvisionStatus.Created) throw new InvalidOperationException(result.Error);
        return new DeviceIdentity(id, result.Secret!);
    }

    /// <summary>Scans in the outbox table, read from the database file with a connection of our own.</summary>
    public List<(string Device, long Seq, byte[] Data)> OutboxRows()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT device_id, seq, data FROM outbox_events ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long, byte[])>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetInt64(1), (byte[])reader[2]));
        return rows;
    }

    private bool _stopped;

    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        Api.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_ownsFolder) { try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Devices.Gateway.Tests.Api;

/// <summary>The real gateway on 127.0.0.1 (port 0), a temp data folder, one API key; disposed after the test.</summary>
public sealed class ApiGateway : IAsyncDisposable
{
    public const string Key = "test-key-0123456789abcdef";

    private ApiGateway(WebApplication app, string folder, Uri address, int mqttPort)
    {
        MqttPort = mqttPort;
        App = app;
        DataFolder = folder;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
        Client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        Anonymous = new HttpClient { BaseAddress = address };
    }

    public WebApplication App { get; }
    public string DataFolder { get; }
    public Uri Address { get; }
    /// <summary>The embedded broker's plain-TCP port on 127.0.0.1.</summary>
    public int MqttPort { get; }
    /// <summary>Sends the API key.</summary>
    public HttpClient Client { get; }
    /// <summary>Sends no key.</summary>
    public HttpClient Anonymous { get; }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public static async Task<ApiGateway> StartAsync(params string[] extraArgs)
    {
        var folder = Path.Combine(Path.GetTempPath(), "gw-api-" + Guid.NewGuid().ToString("N"));
        int mqttPort = Devices.TestSupport.FreePort.Next();
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            "--Storage:DataFolder=" + folder,
            "--Api:Keys:0:Name=tests",
            "--Api:Keys:0:Key=" + Key,
            "--Logging:LogLevel:Default=Warning",
            "--Mqtt:BindAddress=127.0.0.1",
            "--Mqtt:Port=" + mqttPort,
        };
        args.AddRange(extraArgs);
        var app = Program.Build(args.ToArray());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiGateway(app, folder, new Uri(address), mqttPort);
    }


    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }
}

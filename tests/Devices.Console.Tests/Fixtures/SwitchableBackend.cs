using System.Collections.Concurrent;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Devices.Console.Tests.Fixtures;

/// <summary>
/// A webhook receiver on 127.0.0.1 that answers 500 until told to work, then 200; it keeps the scanned data of every
/// event it accepted.
/// </summary>
public sealed class SwitchableBackend : System.IAsyncDisposable
{
    private WebApplication _app = null!;

    public string Url { get; private set; } = "";
    public volatile bool Failing = true;
    public ConcurrentBag<string> Accepted { get; } = new();

    public static async Task<SwitchableBackend> StartAsync()
    {
        var backend = new SwitchableBackend();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        backend._app = builder.Build();
        backend._app.MapPost("/hook", async (HttpRequest request) =>
        {
            if (backend.Failing) return Results.StatusCode(500);
            var body = JsonNode.Parse(await new System.IO.StreamReader(request.Body).ReadToEndAsync())!;
            var events = body["events"] is JsonArray batch ? batch.ToArray() : new[] { body };
            foreach (var e in events) backend.Accepted.Add(e!["data"]!.GetValue<string>());
            return Results.Ok();
        });
        await backend._app.StartAsync();
        backend.Url = backend._app.Urls.First() + "/hook";
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

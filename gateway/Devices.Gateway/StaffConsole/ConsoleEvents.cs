using System;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Devices.Gateway.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;

namespace Devices.Gateway.StaffConsole;

/// <summary>
/// The live event stream's subscribers. <see cref="Publish"/> serializes an event once and queues it for every
/// connected console; a console that cannot keep up loses its oldest events rather than slowing the others.
/// </summary>
public sealed class ConsoleEvents
{
    public const int QueuePerClient = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<Channel<string>, byte> _clients = new();

    public int ClientCount => _clients.Count;

    /// <summary>Sends "event: name" with <paramref name="data"/> as camelCase JSON to every connected console.</summary>
    public void Publish(string name, object data)
    {
        if (_clients.IsEmpty) return;
        string frame = "event: " + name + "\ndata: " + JsonSerializer.Serialize(data, Json) + "\n\n";
        foreach (var client in _clients.Keys) client.Writer.TryWrite(frame);
    }

    public Channel<string> Subscribe()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(QueuePerClient)
        {
            FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true,
        });
        _clients[channel] = 0;
        return channel;
    }

    public void Unsubscribe(Channel<string> channel) => _clients.TryRemove(channel, out _);
}

/// <summary>GET /console/events: text/event-stream for one console, with a keep-alive comment when quiet.</summary>
public static class ConsoleEventStream
{

    public static WebApplication MapConsoleEvents(this WebApplication app)
    {
        app.MapGet("/console/events", StreamAsync).RequireApiKey().WithTags("Console")
            .WithSummary("Server-sent events for the console: device, content, scan, delivery (see docs/console.md).")
            .Produces(200, contentType: "text/event-stream");
        return app;
    }

    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private static async Task StreamAsync(HttpContext http, ConsoleEvents events, ConsolePoller poller, IHostApplicationLifetime lifetime,
        CancellationToken requestAborted)
    {
        // A stream never ends by itself: end it when the gateway stops, or shutting down waits for every open console.
        using var both = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        var aborted = both.Token;
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache, no-transform";
        http.Response.Headers["X-Accel-Buffering"] = "no"; // a reverse proxy must not hold events back
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var channel = events.Subscribe();
        try
        {
            await poller.EnsurePrimedAsync(aborted);
            // retry: how soon EventSource reconnects after the connection drops. "hello": from here on every change is sent.
            await http.Response.WriteAsync("retry: 2000\n\nevent: hello\ndata: {}\n\n", Encoding.UTF8, aborted);
            await http.Response.Body.FlushAsync(aborted);
            while (!aborted.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                wait.CancelAfter(KeepAlive);
                string frame;
                try
                {
                    frame = await channel.Reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    frame = ": keep-alive\n\n";
                }
                await http.Response.WriteAsync(frame, Encoding.UTF8, aborted);
                while (channel.Reader.TryRead(out var more)) await http.Response.WriteAsync(more, Encoding.UTF8, aborted);
                await http.Response.Body.FlushAsync(aborted);
            }
        }
        catch (OperationCanceledException) { }
        catch (System.IO.IOException) { } // the browser went away
        finally
        {
            events.Unsubscribe(channel);
        }
    }
}

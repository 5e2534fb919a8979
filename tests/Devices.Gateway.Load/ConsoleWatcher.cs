using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Devices.Gateway.Load;

/// <summary>One staff console's live view: GET /console/events (server-sent events), read and counted until disposed.</summary>
public sealed class ConsoleWatcher : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private Task _reading = Task.CompletedTask;
    private long _events;

    private ConsoleWatcher(HttpClient http) => _http = http;

    public long Events => Interlocked.Read(ref _events);

    public static async Task<ConsoleWatcher> OpenAsync(string gatewayAddress, string apiKey)
    {
        var http = new HttpClient { BaseAddress = new Uri(gatewayAddress), Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var watcher = new ConsoleWatcher(http);
        var response = await http.GetAsync("/console/events", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        watcher._reading = Task.Run(async () =>
        {
            try
            {
                while (await reader.ReadLineAsync(watcher._stop.Token) is { } line)
                    if (line.StartsWith("event:", StringComparison.Ordinal)) Interlocked.Increment(ref watcher._events);
            }
            catch (OperationCanceledException) { }
            finally { response.Dispose(); }
        });
        return watcher;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _reading;
        _http.Dispose();
        _stop.Dispose();
    }
}

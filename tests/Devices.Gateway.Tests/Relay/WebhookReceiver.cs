using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Devices.Gateway.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Devices.Gateway.Tests.Relay;

/// <summary>A real HTTP backend on 127.0.0.1 (Kestrel, port 0) that records every request and answers as told.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>The signing secret the tests give the gateway's relay.</summary>
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly WebApplication _app;
    private readonly List<Received> _requests = new();
    private readonly object _gate = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Answers each request; by default 200 with no body.</summary>
    public Func<Received, IResult> Answer { get; set; } = _ => Results.Ok();

    /// <summary>While true, every request is recorded and answered 500 instead of by <see cref="Answer"/>.</summary>
    public bool Failing { get; set; }

    /// <summary>
    /// Gateway arguments that relay here, retry every 20–50 ms and give a scan up (dead letter) after
    /// <paramref name="horizon"/> of failures.
    /// </summary>
    public string[] RelayGivingUpAfter(TimeSpan horizon) =>
    [
        "--Relay:Url=" + Url, "--Relay:Secret=" + Secret,
        "--Relay:RetryBase=00:00:00.020", "--Relay:RetryCap=00:00:00.050", "--Relay:RetryHorizon=" + horizon.ToString("c"),
    ];

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<Received> Requests
    {
        get { lock (_gate) return _requests.ToList(); }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var received = new Received(DateTimeOffset.UtcNow, request.Headers["webhook-id"].ToString(),
                request.Headers["webhook-timestamp"].ToString(), request.Headers["webhook-signature"].ToString(), buffer.ToArray());
            IResult answer;
            lock (receiver._gate)
            {
                receiver._requests.Add(received);
                answer = receiver.Failing ? Results.StatusCode(500) : receiver.Answer(received);
            }
            return answer;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>Waits (bounded) until the recorded requests satisfy <paramref name="done"/>.</summary>
    public async Task<IReadOnlyList<Received>> WaitAsync(Func<IReadOnlyList<Received>, bool> done, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var now = Requests;
            if (done(now)) return now;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Within {timeout.TotalSeconds} s: {what}. Got {now.Count} requests: " +
                    string.Join(", ", now.Select(r => r.Id)));
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Received(DateTimeOffset At, string Id, string Timestamp, string Signature, byte[] Body)
    {
        public IReadOnlyList<ScanWebhookEvent> Events => ScanWebhookJson.Read(Body);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Devices.Gateway.Outbox;
using Devices.Gateway.Webhooks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Relay;

/// <summary>
/// Delivers outbox events to the backend as signed webhooks. Each device has at most one request in flight and
/// only its oldest pending event is offered, so a device's scans arrive in order; a failing device waits on its
/// own backoff while the others go on. Failures are retried with backoff and jitter (Retry-After honoured) until
/// the retry horizon, then dead-lettered. A 410 Gone disables the endpoint until re-enabled.
/// </summary>
public sealed class ScanRelay : BackgroundService
{
    public const string HttpClientName = "relay";
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    // Never spin: if something is due but could not be planned, look again a moment later.
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(5);

    private readonly ScanOutbox _outbox;
    private readonly RelayOptions _options;
    private readonly RelayStatus _status;
    private readonly IHttpClientFactory _http;
    private readonly IDeviceFeedback _feedback;
    private readonly IDeviceNames _names;
    private readonly ScanMetrics _metrics;
    private readonly IServiceProvider _services;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly WebhookSecret? _secret;
    private readonly Random _random = new();
    private readonly RelayQueue _queue = new();
    private Uri? _endpoint;
    private int _httpActive;

    public ScanRelay(ScanOutbox outbox, IOptions<RelayOptions> options, RelayStatus status, IHttpClientFactory http,
        IDeviceFeedback feedback, IDeviceNames names, ScanMetrics metrics, IServiceProvider services,
        IHostApplicationLifetime lifetime, TimeProvider time, ILogger<ScanRelay> log)
    {
        _outbox = outbox;
        _options = options.Value;
        _status = status;
        _http = http;
        _feedback = feedback;
        _names = names;
        _metrics = metrics;
        _services = services;
        _lifetime = lifetime;
        _time = time;
        _log = log;
        if (_options.Url.Length > 0) _secret = WebhookSecret.Parse(_options.Secret);
    }

    /// <summary>Wakes the loop (after re-enabling the endpoint).</summary>
    public void Wake() => _outbox.Signal.Raise();

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (_secret is null)
        {
            _log.LogWarning("Relay:Url is not set: scans are stored in the outbox and wait for a backend");
            return;
        }
        // The URL may be a path on this gateway, known only once the server listens.
        await WhenStarted(stop);
        _endpoint = ResolveEndpoint();
        if (_endpoint is null) return;
        _log.LogInformation("Relaying scans to {Endpoint}", _status.Current.Endpoint);

        var inFlight = new Dictionary<Task<bool>, RelayRequest>();
        var busy = new HashSet<string>(StringComparer.Ordinal);
        var busyIds = new HashSet<long>();
        while (!stop.IsCancellationRequested)
        {
            var signal = _outbox.Signal.Next; // before looking, so no append is missed
            TimeSpan? wait = IdlePoll;
            // Slots count requests on the wire; a device stays busy until its outcome is committed too.
            int free = _options.MaxConcurrentRequests - Volatile.Read(ref _httpActive);
            if (!_status.Disabled && free > 0)
            {
                try
                {
                    var now = _time.GetUtcNow();
                    foreach (var request in Plan(free, busy, busyIds, now))
                    {
                        foreach (var device in request.Devices) busy.Add(device);
                        foreach (var e in request.Events) busyIds.Add(e.Id);
                        Interlocked.Increment(ref _httpActive);
                        inFlight.Add(SendAsync(request, stop), request);
                    }
                    if (inFlight.Count == 0 && _outbox.NextDueAt() is { } due)
                        wait = due <= now ? MinimumWait : Min(due - now, IdlePoll);
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    _log.LogError(e, "Relay could not read the outbox; trying again");
                }
            }

            if (inFlight.Count > 0 || wait > TimeSpan.Zero)
            {
                using var cancelDelay = CancellationTokenSource.CreateLinkedTokenSource(stop);
                var waits = new List<Task>(inFlight.Keys) { signal, Task.Delay(wait ?? IdlePoll, _time, cancelDelay.Token) };
                await Task.WhenAny(waits);
                cancelDelay.Cancel();
            }
            foreach (var done in inFlight.Keys.Where(t => t.IsCompleted).ToList())
            {
                var request = inFlight[done];
                if (done.IsFaulted)
                    _log.LogError(done.Exception!.GetBaseException(), "Relaying to {Devices} failed; the scans stay pending", string.Join(",", request.Devices));
                // Not delivered: its events are pending again (maybe with a retry time or batch id): read afresh.
                if (!done.IsCompletedSuccessfully || !done.Result) _queue.Reset();
                foreach (var device in request.Devices) busy.Remove(device);
                foreach (var e in request.Events) busyIds.Remove(e.Id);
                inFlight.Remove(done);
            }
        }
        try
        {
            await Task.WhenAll(inFlight.Keys);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Up to <paramref name="slots"/> requests, each device in at most one and only from its oldest event on. The
    /// relay's queue (pending events read in id order, not yet sent) usually plans the whole round without a
    /// query; when its front is held by a device waiting on a retry, the per-device head query finds the others,
    /// so a device stuck on retries never starves the rest.
    /// </summary>
    private List<RelayRequest> Plan(int slots, HashSet<string> busy, HashSet<long> busyIds, DateTimeOffset now)
    {
        var requests = new List<RelayRequest>();
        var taken = new HashSet<string>(busy, StringComparer.Ordinal);
        var queued = _queue.Fill(_outbox, busyIds, Math.Max(1024, 4 * _options.MaxConcurrentRequests * _options.BatchSize));
        bool waiting = PlanFrom(queued, fromHeadsOnly: false, slots, taken, now, requests);
        if (requests.Count < slots && waiting && _queue.MoreBeyond)
            PlanFrom(_outbox.DueHeads(now, taken.Count + slots * _options.BatchSize), fromHeadsOnly: true, slots, taken, now, requests);
        _queue.Remove(requests.SelectMany(r => r.Events).Select(e => e.Id).ToHashSet());
        return requests;
    }

    /// <summary>
    /// Adds requests from <paramref name="events"/> (oldest first). With <paramref name="fromHeadsOnly"/> false the
    /// list is a prefix of all pending events in id order, so each device's events in it are its oldest, in order;
    /// with true it holds heads only and a batch reads each device's queue. Devices go in the order of their
    /// heads; a batch takes as many of a device's events as fit, so a device with a backlog fills whole batches
    /// and many such devices go in parallel.
    /// </summary>
    /// <returns>Whether a device was passed over because its head waits on a retry or its retry batch could not go.</returns>
    private bool PlanFrom(IReadOnlyList<OutboxEvent> events, bool fromHeadsOnly, int slots, HashSet<string> taken,
        DateTimeOffset now, List<RelayRequest> requests)
    {
        int batchSize = _options.BatchSize;
        var order = new List<List<OutboxEvent>>();
        var byDevice = new Dictionary<string, List<OutboxEvent>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (taken.Contains(e.Scan.DeviceId)) continue; // in flight: its events wait
            if (!byDevice.TryGetValue(e.Scan.DeviceId, out var own))
            {
                own = new List<OutboxEvent>();
                byDevice.Add(e.Scan.DeviceId, own);
                order.Add(own);
            }
            own.Add(e);
        }

        bool passedOver = false;
        var open = new List<OutboxEvent>();
        foreach (var own in order)
        {
            var head = own[0];
            string device = head.Scan.DeviceId;
            if (taken.Contains(device)) continue; // joined a retry batch planned in this round
            if (head.NextAttemptAt > now)
            {
                passedOver = true; // its head waits on a retry: none of its events may pass it
                continue;
            }
            if (requests.Count + (open.Count > 0 ? 1 : 0) >= slots && (open.Count == 0 || head.BatchId is not null || batchSize == 1)) break;
            if (head.BatchId is { } batchId)
            {
                // A batch that failed is retried exactly as it was, so its webhook-id still names the same content.
                var again = _outbox.PendingOfBatch(batchId);
                if (again.Any(a => taken.Contains(a.Scan.DeviceId)))
                {
                    passedOver = true;
                    continue;
                }
                foreach (var a in again) taken.Add(a.Scan.DeviceId);
                requests.Add(new RelayRequest(again, batchId));
                continue;
            }
            taken.Add(device);
            if (batchSize == 1)
            {
                requests.Add(new RelayRequest(new[] { head }, null));
                continue;
            }
            var take = fromHeadsOnly ? _outbox.PendingOfDevice(device, batchSize - open.Count) : own;
            foreach (var e in take)
            {
                if (open.Count >= batchSize || e.BatchId is not null) break; // full, or another batch's retry
                open.Add(e);
            }
            if (open.Count >= batchSize)
            {
                requests.Add(NewBatch(open));
                open = new List<OutboxEvent>();
            }
        }
        if (open.Count > 0)
        {
            if (requests.Count < slots) requests.Add(NewBatch(open));
            else foreach (var o in open) taken.Remove(o.Scan.DeviceId); // no slot left: these wait for the next round
        }
        return passedOver;
    }

    /// <summary>In outbox order (each device's events stay in order), the order a retry reads them back in.</summary>
    private static RelayRequest NewBatch(List<OutboxEvent> events) =>
        new(events.OrderBy(e => e.Id).ToList(), "batch_" + Guid.NewGuid().ToString("N"), IsNewBatch: true);

    /// <summary>Sends one request and commits its outcome; true when the backend accepted it.</summary>
    private async Task<bool> SendAsync(RelayRequest request, CancellationToken stop)
    {
        var events = request.Events.Select(e => ScanWebhookEvent.From(e.Scan, _names.NameOf(e.Scan.DeviceId))).ToList();
        var body = request.BatchId is null ? ScanWebhookJson.Single(events[0]) : ScanWebhookJson.Batch(events);
        var ids = request.Events.Select(e => e.Id).ToList();
        if (request.IsNewBatch) await _outbox.AssignBatchAsync(ids, request.BatchId!);
        var now = _time.GetUtcNow();
        long timestamp = now.ToUnixTimeSeconds();
        string webhookId = request.WebhookId;

        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.Add(WebhookSignature.IdHeader, webhookId);
        message.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        message.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(_secret!, webhookId, timestamp, body));

        bool onTheWire = true;
        void Answered()
        {
            // Frees the request slot (and wakes the loop) while the outcome is being committed.
            if (!onTheWire) return;
            onTheWire = false;
            Interlocked.Decrement(ref _httpActive);
            _outbox.Signal.Raise();
        }

        string error;
        TimeSpan? retryAfter = null;
        try
        {
            using var client = _http.CreateClient(HttpClientName);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(_options.RequestTimeout);
            using var response = await client.SendAsync(message, timeout.Token);
            var answer = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            Answered();
            if (response.IsSuccessStatusCode)
            {
                await Delivered(request, ids, events, answer, stop);
                return true;
            }
            if (response.StatusCode == HttpStatusCode.Gone)
            {
                if (_status.Disable(_time.GetUtcNow(), "The backend answered 410 Gone."))
                    _log.LogError("The backend answered 410 Gone: relaying is disabled until re-enabled (POST /api/relay/enable) " +
                                  "or another Relay:Url is configured; scans keep being stored");
                return false; // not a failed attempt: the events wait, unchanged
            }
            error = $"HTTP {(int)response.StatusCode}";
            retryAfter = RetryDelay.RetryAfter(response.Headers.RetryAfter, _time.GetUtcNow());
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false; // shutting down: the events stay pending
        }
        catch (OperationCanceledException)
        {
            error = $"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException e)
        {
            error = "request failed: " + (e.HttpRequestError == HttpRequestError.Unknown ? e.Message : e.HttpRequestError.ToString());
        }
        finally
        {
            Answered();
        }
        await Failed(request, ids, error, retryAfter);
        return false;
    }

    private async Task Delivered(RelayRequest request, List<long> ids, List<ScanWebhookEvent> events, byte[] answer, CancellationToken stop)
    {
        var now = _time.GetUtcNow();
        await _outbox.MarkDeliveredAsync(ids, now);
        _status.Delivered(now);
        _metrics.Relayed(ids.Count);
        foreach (var e in request.Events) _metrics.RelayLatency(now - e.Scan.ReceivedAt);
        foreach (var feedback in WebhookFeedback.Read(answer, events))
        {
            try
            {
                await _feedback.ShowAsync(feedback, stop);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _log.LogWarning(e, "Could not pass the backend's feedback to {Device}", feedback.DeviceId);
            }
        }
    }

    private async Task Failed(RelayRequest request, List<long> ids, string error, TimeSpan? retryAfter)
    {
        var now = _time.GetUtcNow();
        _status.Failed(now, error);
        var head = request.Events[0];
        var firstFailure = request.Events.Min(e => e.FirstFailureAt) ?? now;
        if (now - firstFailure >= _options.RetryHorizon)
        {
            await _outbox.MarkDeadAsync(ids, now, error);
            _metrics.DeadLettered(ids.Count);
            _log.LogWarning("Gave up on {Count} scan(s) from {Devices} after {Attempts} attempts ({Error}): dead-lettered, re-sendable via the API",
                ids.Count, string.Join(",", request.Devices), head.Attempts + 1, error);
            return;
        }
        var delay = RetryDelay.Backoff(head.Attempts, _options.RetryBase, _options.RetryCap, _random);
        if (retryAfter is { } asked && asked > delay) delay = asked;
        await _outbox.MarkFailedAsync(ids, request.BatchId, now, now + delay, error);
        _metrics.Retried(ids.Count);
        _log.LogInformation("Delivery of {WebhookId} failed ({Error}); retry {Attempt} in {Delay} ms",
            request.WebhookId, error, head.Attempts + 1, (long)delay.TotalMilliseconds);
    }

    private async Task WhenStarted(CancellationToken stop)
    {
        var started = new TaskCompletionSource();
        using var a = _lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var b = stop.Register(() => started.TrySetCanceled());
        await started.Task;
    }

    private Uri? ResolveEndpoint()
    {
        var url = _options.Url;
        if (!url.StartsWith('/')) return new Uri(url);
        var addresses = _services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var own = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses?.FirstOrDefault();
        if (own is null)
        {
            _log.LogError("Relay:Url {Url} is a path but this gateway has no listening address", url);
            return null;
        }
        // A wildcard listen address is reached on the loopback.
        own = own.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost");
        return new Uri(new Uri(own.TrimEnd('/') + "/"), url.TrimStart('/'));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>One HTTP request: a single event (webhook-id from the scan) or a batch (webhook-id kept on its rows).</summary>
    private sealed record RelayRequest(IReadOnlyList<OutboxEvent> Events, string? BatchId, bool IsNewBatch = false)
    {
        public IReadOnlyCollection<string> Devices { get; } = Events.Select(e => e.Scan.DeviceId).Distinct().ToList();

        public string WebhookId => BatchId ?? $"scan_{Events[0].Scan.DeviceId}_{Events[0].Scan.Seq}";
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Devices.Gateway.Webhooks;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.DemoBackend;

/// <summary>The demo backend's memory: the last N verified webhook events, and how many requests it refused.</summary>
public sealed class DemoBackendInbox(IOptions<DemoBackendOptions> options)
{
    private readonly int _max = Math.Max(1, options.Value.MaxEvents);
    private readonly LinkedList<Received> _events = new();
    private readonly object _gate = new();

    public long Accepted { get; private set; }
    public long Refused { get; private set; }

    public void Add(string webhookId, IReadOnlyList<ScanWebhookEvent> events, DateTimeOffset at)
    {
        lock (_gate)
        {
            foreach (var e in events)
            {
                _events.AddFirst(new Received(webhookId, at, e));
                if (_events.Count > _max) _events.RemoveLast();
            }
            Accepted += events.Count;
        }
    }

    public void Refuse()
    {
        lock (_gate) Refused++;
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<Received> Events()
    {
        lock (_gate) return _events.ToList();
    }

    public sealed record Received(string WebhookId, DateTimeOffset At, ScanWebhookEvent Event);
}

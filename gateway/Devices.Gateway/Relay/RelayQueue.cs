using System.Collections.Generic;
using Devices.Gateway.Outbox;

namespace Devices.Gateway.Relay;

/// <summary>
/// The relay's read-ahead: pending events read from the outbox in id order and not yet sent. It reads on from the
/// last id it saw, so in steady state each event is read from SQLite once instead of at every planning round.
/// It holds a prefix of the pending events minus those sent, so a device's first event in it is the device's oldest
/// not yet sent. Anything that makes older events pending again (a failed or refused request, a re-sent dead
/// letter) calls for <see cref="Reset"/>: the next fill starts over from the first pending event.
/// </summary>
public sealed class RelayQueue
{
    private readonly List<OutboxEvent> _events = new();
    private long _readUpTo;
    private long _requeuedSeen = -1;

    /// <summary>Whether the last read stopped at its limit (more pending events lie beyond the queue).</summary>
    public bool MoreBeyond { get; private set; }

    public void Reset()
    {
        _events.Clear();
        _readUpTo = 0;
        MoreBeyond = false;
    }

    /// <summary>
    /// Tops the queue up to <paramref name="capacity"/> when it is less than half full and returns it. Events in
    /// flight (<paramref name="sending"/>) are never queued: they are still pending in the table until delivered.
    /// </summary>
    public IReadOnlyList<OutboxEvent> Fill(ScanOutbox outbox, HashSet<long> sending, int capacity)
    {
        long requeued = outbox.Requeued;
        if (requeued != _requeuedSeen)
        {
            Reset();
            _requeuedSeen = requeued;
        }
        if (_events.Count < capacity / 2)
        {
            int limit = capacity - _events.Count;
            var read = outbox.PendingAfter(_readUpTo, limit);
            foreach (var e in read)
            {
                if (e.Id > _readUpTo) _readUpTo = e.Id;
                if (!sending.Contains(e.Id)) _events.Add(e);
            }
            MoreBeyond = read.Count == limit;
        }
        return _events;
    }

    /// <summary>Drops the events of the requests just planned (they are in flight now).</summary>
    public void Remove(HashSet<long> sent)
    {
        if (sent.Count > 0) _events.RemoveAll(e => sent.Contains(e.Id));
    }
}

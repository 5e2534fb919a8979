using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Devices.Gateway.Outbox;

/// <summary>
/// The outbox's single writer. Callers queue writes; one thread takes everything queued (up to a row limit,
/// waiting a few ms for more), runs it in ONE transaction, commits (one fsync under synchronous=FULL) and only
/// then completes every caller. Many concurrent appends thus cost one disk flush instead of one each.
/// </summary>
public sealed class GroupCommitWriter : IDisposable
{
    private readonly BlockingCollection<OutboxWrite> _queue = new();
    private readonly Func<SqliteConnection> _open;
    private readonly int _maxRows;
    private readonly int _maxDelayMs;
    private readonly ILogger _log;
    private readonly Thread _thread;
    private long _commits;
    private int _disposed;

    public GroupCommitWriter(Func<SqliteConnection> open, int maxRows, int maxDelayMs, ILogger log)
    {
        _open = open;
        _maxRows = maxRows;
        _maxDelayMs = maxDelayMs;
        _log = log;
        _thread = new Thread(Run) { IsBackground = true, Name = "outbox-writer" };
        _thread.Start();
    }

    /// <summary>Transactions committed so far (tests compare it with the number of writes).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    public void Enqueue(OutboxWrite write)
    {
        try
        {
            _queue.Add(write);
        }
        catch (InvalidOperationException)
        {
            write.Fail(new ObjectDisposedException(nameof(GroupCommitWriter), "The outbox is shutting down."));
        }
    }

    private void Run()
    {
        using var connection = _open();
        var context = new OutboxWriteContext(connection);
        var batch = new List<OutboxWrite>(_maxRows);
        while (TakeBatch(batch))
        {
            try
            {
                using var transaction = connection.BeginTransaction();
                context.Begin(transaction);
                foreach (var write in batch)
                {
                    try
                    {
                        write.Execute(context);
                    }
                    catch (SqliteException e) when (e.SqliteErrorCode == 19) // constraint: this write only
                    {
                        write.Fail(e);
                    }
                }
                transaction.Commit();
                Interlocked.Increment(ref _commits);
                foreach (var write in batch) write.Complete();
            }
            catch (Exception e)
            {
                _log.LogError(e, "Outbox commit of {Count} writes failed", batch.Count);
                foreach (var write in batch) write.Fail(e);
            }
            batch.Clear();
        }
        context.Dispose();
    }

    /// <summary>Blocks for the first write, then gathers more until the row limit or the delay runs out.</summary>
    private bool TakeBatch(List<OutboxWrite> batch)
    {
        OutboxWrite? write;
        try
        {
            write = _queue.Take();
        }
        catch (InvalidOperationException)
        {
            return false; // completed and empty
        }
        batch.Add(write);
        long deadline = Environment.TickCount64 + _maxDelayMs;
        while (batch.Count < _maxRows)
        {
            if (_queue.TryTake(out write))
            {
                batch.Add(write);
                continue;
            }
            int wait = (int)(deadline - Environment.TickCount64);
            if (wait <= 0 || !_queue.TryTake(out write, wait)) break;
            batch.Add(write);
        }
        return true;
    }

    public void Dispose()
    {
        // Disposed once per registration that hands it out; only the first call stops the writer.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }
}

using System;
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
    // A plain list under a lock: the writer swaps the whole list out at once, so taking a batch of a thousand
    // writes costs one lock instead of a thousand dequeues (BlockingCollection also spun on every timed take).
    private readonly object _gate = new();
    private readonly List<OutboxWrite> _queue = new();
    private bool _completed;
    private readonly Func<SqliteConnection> _open;
    private readonly int _maxRows;
    private readonly int _maxDelayMs;
    private readonly ILogger _log;
    private readonly Thread _thread;
    private long _commits;
    private int _disposed;
    private readonly Timer _checkpoints;
    private int _checkpointing;
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromSeconds(1);

    public GroupCommitWriter(Func<SqliteConnection> open, int maxRows, int maxDelayMs, ILogger log)
    {
        _open = open;
        _maxRows = maxRows;
        _maxDelayMs = maxDelayMs;
        _log = log;
        _thread = new Thread(Run) { IsBackground = true, Name = "outbox-writer" };
        _thread.Start();
        _checkpoints = new Timer(_ => Checkpoint(), null, CheckpointEvery, CheckpointEvery);
    }

    /// <summary>Transactions committed so far (tests compare it with the number of writes).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    public void Enqueue(OutboxWrite write)
    {
        lock (_gate)
        {
            if (!_completed)
            {
                _queue.Add(write);
                // Wakes the writer when it waits for a first write, or for a full batch.
                if (_queue.Count == 1 || _queue.Count == _maxRows) Monitor.Pulse(_gate);
                return;
            }
        }
        write.Fail(new ObjectDisposedException(nameof(GroupCommitWriter), "The outbox is shutting down."));
    }

    private void Run()
    {
        using var connection = _open();
        using (var noAutoCheckpoint = connection.CreateCommand())
        {
            noAutoCheckpoint.CommandText = "PRAGMA wal_autocheckpoint=0;"; // see Checkpoint
            noAutoCheckpoint.ExecuteNonQuery();
        }
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

    /// <summary>
    /// Blocks for the first write, then lets more gather until the row limit or the delay runs out, and takes them
    /// (at most the row limit; the rest stay for the next batch). False once completed and empty.
    /// </summary>
    private bool TakeBatch(List<OutboxWrite> batch)
    {
        lock (_gate)
        {
            while (_queue.Count == 0)
            {
                if (_completed) return false;
                Monitor.Wait(_gate);
            }
            long deadline = Environment.TickCount64 + _maxDelayMs;
            while (_queue.Count < _maxRows && !_completed)
            {
                int wait = (int)(deadline - Environment.TickCount64);
                if (wait <= 0) break;
                Monitor.Wait(_gate, wait);
            }
            if (_queue.Count <= _maxRows)
            {
                batch.AddRange(_queue);
                _queue.Clear();
            }
            else
            {
                batch.AddRange(_queue.GetRange(0, _maxRows));
                _queue.RemoveRange(0, _maxRows);
            }
            return true;
        }
    }

    /// <summary>
    /// Copies the WAL into the database file. SQLite would do it inside the commit that crosses 1000 pages, with
    /// fsyncs of its own, and every scan waiting on that commit would wait for them too; here it runs beside the
    /// writer. PASSIVE never blocks the writer; a busy moment just leaves pages for the next second.
    /// </summary>
    private void Checkpoint()
    {
        if (Interlocked.Exchange(ref _checkpointing, 1) == 1) return;
        try
        {
            using var connection = _open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            command.ExecuteNonQuery();
        }
        catch (Exception e) when (e is SqliteException or ObjectDisposedException)
        {
            _log.LogWarning(e, "WAL checkpoint failed; the next one follows in {Seconds} s", CheckpointEvery.TotalSeconds);
        }
        finally
        {
            Volatile.Write(ref _checkpointing, 0);
        }
    }

    public void Dispose()
    {
        // Disposed once per registration that hands it out; only the first call stops the writer.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
        _thread.Join();
        _checkpoints.Dispose();
    }
}

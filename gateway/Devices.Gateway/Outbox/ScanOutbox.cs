using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Devices.Gateway.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Outbox;

/// <summary>
/// The SQLite outbox (table outbox_events): durable appends through the group-commit writer, the relay's view
/// of pending work (per device, oldest first) and its state changes, and the API's queries.
/// </summary>
public sealed class ScanOutbox : IScanOutbox, IDisposable
{
    private const string Columns =
        "id, device_id, seq, device_unix_time, age_ms, received_at_ms, data, state, attempts, next_attempt_ms, " +
        "first_failure_ms, batch_id, last_error, done_at_ms";

    private readonly GatewayDatabase _database;
    private readonly GroupCommitWriter _writer;
    private readonly ScanDataProtector _protector;
    private readonly ScanMetrics _metrics;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private long _depth;
    private long _requeued;
    private long _depthReadAt = long.MinValue;

    public ScanOutbox(GatewayDatabase database, IOptions<OutboxOptions> options, ScanMetrics metrics,
        ILogger<ScanOutbox> log, TimeProvider time)
    {
        var o = options.Value;
        _database = database;
        _metrics = metrics;
        _log = log;
        _time = time;
        CreateTables();
        _protector = new ScanDataProtector(o.DataPrivacy, o.TruncateToChars,
            o.DataPrivacy == ScanDataPrivacy.Hash ? HashKey(o.HashKey) : Array.Empty<byte>());
        _writer = new GroupCommitWriter(database.Open, o.GroupCommitMaxRows, o.GroupCommitMaxDelayMs, log);
        metrics.ObserveOutboxDepth(CachedDepth);
    }

    /// <summary>Transactions the writer has committed (group commit makes this far fewer than the writes).</summary>
    public long Commits => _writer.Commits;

    /// <summary>Raised after appends and re-sends are committed.</summary>
    public OutboxSignal Signal { get; } = new();

    public Task<OutboxAppendResult> AppendAsync(ScanEnvelope scan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scan);
        if (string.IsNullOrEmpty(scan.DeviceId)) throw new ArgumentException("A scan needs a device id.", nameof(scan));
        var data = _protector.Protect(scan.Data ?? Array.Empty<byte>());
        var write = new OutboxWrite<OutboxAppendResult>(context => Insert(context, scan, data));
        _writer.Enqueue(write);
        // The write itself is not cancellable once queued: a caller giving up must not lose a scan it handed over.
        return write.Task.ContinueWith(t =>
        {
            var result = t.GetAwaiter().GetResult();
            _metrics.Received(result.Duplicate);
            if (!result.Duplicate) Signal.Raise();
            // Scanned data is customer data: logs get its length and a short hash only.
            if (_log.IsEnabled(LogLevel.Debug))
                _log.LogDebug("Scan {Device} #{Seq} {Outcome}: {Data}", scan.DeviceId, scan.Seq,
                    result.Duplicate ? "already stored" : "stored", ScanDataFingerprint.Of(data));
            return result;
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static OutboxAppendResult Insert(OutboxWriteContext context, ScanEnvelope scan, byte[] data)
    {
        var insert = context.Prepared(
            "INSERT INTO outbox_events (device_id, seq, device_unix_time, age_ms, received_at_ms, data) " +
            "VALUES ($device, $seq, $time, $age, $received, $data) ON CONFLICT (device_id, seq) DO NOTHING RETURNING id",
            "$device", "$seq", "$time", "$age", "$received", "$data");
        var p = insert.Parameters;
        p[0].Value = scan.DeviceId;
        p[1].Value = scan.Seq;
        p[2].Value = scan.DeviceUnixTime;
        p[3].Value = scan.AgeMillis;
        p[4].Value = scan.ReceivedAt.ToUnixTimeMilliseconds();
        p[5].Value = data;
        var id = insert.ExecuteScalar();
        if (id is long newId) return new OutboxAppendResult(newId, Duplicate: false);

        var existing = context.Command("SELECT id FROM outbox_events WHERE device_id = $device AND seq = $seq");
        existing.Parameters.AddWithValue("$device", scan.DeviceId);
        existing.Parameters.AddWithValue("$seq", scan.Seq);
        return new OutboxAppendResult((long)existing.ExecuteScalar()!, Duplicate: true);
    }

    // ---- The relay's side ----

    /// <summary>
    /// The oldest pending event of each device whose retry time has come, oldest first. Only a device's oldest
    /// pending event is ever offered, which is what keeps each device's order.
    /// </summary>
    public IReadOnlyList<OutboxEvent> DueHeads(DateTimeOffset now, int limit) => Query(
        $"SELECT {Prefixed("o")} FROM outbox_events o JOIN (SELECT MIN(id) AS head FROM outbox_events WHERE state = 0 " +
        "GROUP BY device_id) h ON o.id = h.head WHERE o.next_attempt_ms <= $now ORDER BY o.id LIMIT $limit",
        ("$now", now.ToUnixTimeMilliseconds()), ("$limit", limit));

    /// <summary>When the earliest waiting device head becomes due; null when nothing is pending.</summary>
    public DateTimeOffset? NextDueAt()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(o.next_attempt_ms) FROM outbox_events o JOIN (SELECT MIN(id) AS head FROM " +
            "outbox_events WHERE state = 0 GROUP BY device_id) h ON o.id = h.head";
        return command.ExecuteScalar() is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>
    /// Pending events after <paramref name="afterId"/>, oldest first (one indexed range read). From afterId 0 this is
    /// a prefix of all pending events: a device's first event in it is that device's oldest, its others follow in
    /// order. The relay reads on from where it stopped, so in steady state each event is read once.
    /// </summary>
    public IReadOnlyList<OutboxEvent> PendingAfter(long afterId, int limit) => Query(
        $"SELECT {Columns} FROM outbox_events WHERE state = 0 AND id > $after ORDER BY id LIMIT $limit",
        ("$after", afterId), ("$limit", limit));

    /// <summary>
    /// Counts re-sends of dead letters: they make older events pending again, so a reader that went past them
    /// (the relay) must start over when this changes.
    /// </summary>
    public long Requeued => Interlocked.Read(ref _requeued);

    /// <summary>A device's pending events from its oldest, for batching.</summary>
    public IReadOnlyList<OutboxEvent> PendingOfDevice(string deviceId, int limit) => Query(
        $"SELECT {Columns} FROM outbox_events WHERE state = 0 AND device_id = $device ORDER BY id LIMIT $limit",
        ("$device", deviceId), ("$limit", limit));

    /// <summary>The pending events of a batch that failed before, so a retry re-sends exactly it.</summary>
    public IReadOnlyList<OutboxEvent> PendingOfBatch(string batchId) => Query(
        $"SELECT {Columns} FROM outbox_events WHERE state = 0 AND batch_id = $batch ORDER BY id", ("$batch", batchId));

    public Task MarkDeliveredAsync(IReadOnlyList<long> ids, DateTimeOffset at) => Write(context =>
    {
        var command = context.Prepared("UPDATE outbox_events SET state = 1, done_at_ms = $at, last_error = NULL WHERE id = $id", "$at", "$id");
        command.Parameters[0].Value = at.ToUnixTimeMilliseconds();
        foreach (var id in ids)
        {
            command.Parameters[1].Value = id;
            command.ExecuteNonQuery();
        }
    });

    /// <summary>
    /// Names a new batch on its rows before it is sent: if the gateway dies after the backend got the batch but before
    /// its delivery is committed, the next start re-sends the same events under the same webhook-id.
    /// </summary>
    public Task AssignBatchAsync(IReadOnlyList<long> ids, string batchId) => Write(context =>
    {
        var command = context.Prepared("UPDATE outbox_events SET batch_id = $batch WHERE id = $id AND state = 0", "$batch", "$id");
        command.Parameters[0].Value = batchId;
        foreach (var id in ids)
        {
            command.Parameters[1].Value = id;
            command.ExecuteNonQuery();
        }
    });

    /// <summary>Records a failed attempt: retry at <paramref name="retryAt"/>, keeping the batch id for the retry.</summary>
    public Task MarkFailedAsync(IReadOnlyList<long> ids, string? batchId, DateTimeOffset now, DateTimeOffset retryAt, string error) =>
        Write(context =>
        {
            foreach (var id in ids)
            {
                var command = context.Command(
                    "UPDATE outbox_events SET attempts = attempts + 1, next_attempt_ms = $retry, " +
                    "first_failure_ms = COALESCE(first_failure_ms, $now), batch_id = $batch, last_error = $error WHERE id = $id");
                command.Parameters.AddWithValue("$retry", retryAt.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$batch", (object?)batchId ?? DBNull.Value);
                command.Parameters.AddWithValue("$error", error);
                command.Parameters.AddWithValue("$id", id);
                command.ExecuteNonQuery();
            }
        });

    public Task MarkDeadAsync(IReadOnlyList<long> ids, DateTimeOffset now, string error) => Write(context =>
    {
        foreach (var id in ids)
        {
            var command = context.Command(
                "UPDATE outbox_events SET state = 2, attempts = attempts + 1, done_at_ms = $now, last_error = $error, " +
                "batch_id = NULL WHERE id = $id");
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$error", error);
            command.Parameters.AddWithValue("$id", id);
            command.ExecuteNonQuery();
        }
    });

    // ---- The API's side ----

    /// <summary>Newest first.</summary>
    public IReadOnlyList<OutboxEvent> Recent(int limit) =>
        Query($"SELECT {Columns} FROM outbox_events ORDER BY id DESC LIMIT $limit", ("$limit", limit));

    /// <summary>Dead letters, oldest first.</summary>
    public IReadOnlyList<OutboxEvent> DeadLetters(int limit) =>
        Query($"SELECT {Columns} FROM outbox_events WHERE state = 2 ORDER BY id LIMIT $limit", ("$limit", limit));

    /// <summary>Puts a dead letter back in its device's queue (at its original place). False when it is not dead.</summary>
    public async Task<bool> ResendAsync(long id)
    {
        bool resent = await Write(context => ResendOne(context, id));
        if (resent)
        {
            Interlocked.Increment(ref _requeued);
            Signal.Raise();
        }
        return resent;
    }

    public async Task<int> ResendAllAsync()
    {
        int count = await Write(context => context.Command(
            "UPDATE outbox_events SET state = 0, attempts = 0, next_attempt_ms = 0, first_failure_ms = NULL, batch_id = NULL, " +
            "done_at_ms = NULL WHERE state = 2").ExecuteNonQuery());
        if (count > 0)
        {
            Interlocked.Increment(ref _requeued);
            Signal.Raise();
        }
        return count;
    }

    private static bool ResendOne(OutboxWriteContext context, long id)
    {
        var command = context.Command(
            "UPDATE outbox_events SET state = 0, attempts = 0, next_attempt_ms = 0, first_failure_ms = NULL, batch_id = NULL, " +
            "done_at_ms = NULL WHERE id = $id AND state = 2");
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Deletes events delivered before <paramref name="before"/>; returns how many.</summary>
    public Task<int> PruneDeliveredAsync(DateTimeOffset before) => Write(context =>
    {
        var command = context.Command("DELETE FROM outbox_events WHERE state = 1 AND done_at_ms < $before");
        command.Parameters.AddWithValue("$before", before.ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery();
    });

    public long PendingCount()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM outbox_events WHERE state = 0";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose() => _writer.Dispose();

    private long CachedDepth()
    {
        // A metrics scrape must not scan the table more than once a second.
        long now = Environment.TickCount64;
        if (now - Interlocked.Read(ref _depthReadAt) >= 1000)
        {
            Interlocked.Exchange(ref _depth, PendingCount());
            Interlocked.Exchange(ref _depthReadAt, now);
        }
        return Interlocked.Read(ref _depth);
    }

    private Task<T> Write<T>(Func<OutboxWriteContext, T> work)
    {
        var write = new OutboxWrite<T>(work);
        _writer.Enqueue(write);
        return write.Task;
    }

    private Task Write(Action<OutboxWriteContext> work) => Write<bool>(context =>
    {
        work(context);
        return true;
    });

    private List<OutboxEvent> Query(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        var events = new List<OutboxEvent>();
        while (reader.Read()) events.Add(Read(reader));
        return events;
    }

    private static OutboxEvent Read(SqliteDataReader r)
    {
        var scan = new ScanEnvelope(r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)), r.GetFieldValue<byte[]>(6));
        return new OutboxEvent(r.GetInt64(0), scan, (OutboxEventState)r.GetInt32(7), r.GetInt32(8),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)),
            r.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)),
            r.IsDBNull(11) ? null : r.GetString(11),
            r.IsDBNull(12) ? null : r.GetString(12),
            r.IsDBNull(13) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(13)));
    }

    private static string Prefixed(string alias) => string.Join(", ", Array.ConvertAll(Columns.Split(", "), c => alias + "." + c));

    private void CreateTables()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS outbox_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                device_id TEXT NOT NULL,
                seq INTEGER NOT NULL,
                device_unix_time INTEGER NOT NULL,
                age_ms INTEGER NOT NULL,
                received_at_ms INTEGER NOT NULL,
                data BLOB NOT NULL,
                state INTEGER NOT NULL DEFAULT 0,      -- 0 pending, 1 delivered, 2 dead letter
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_ms INTEGER NOT NULL DEFAULT 0,
                first_failure_ms INTEGER,
                batch_id TEXT,                         -- set when a batch failed: its retry re-sends exactly it
                last_error TEXT,
                done_at_ms INTEGER,                    -- delivered or dead-lettered at
                UNIQUE (device_id, seq));
            -- Partial indexes over pending rows only: delivered rows (kept for days) never slow the relay's reads.
            DROP INDEX IF EXISTS outbox_events_pending;
            CREATE INDEX IF NOT EXISTS outbox_events_pending_by_device ON outbox_events (device_id, id) WHERE state = 0;
            CREATE INDEX IF NOT EXISTS outbox_events_pending_by_id ON outbox_events (id) WHERE state = 0;
            CREATE INDEX IF NOT EXISTS outbox_events_done ON outbox_events (state, done_at_ms);
            CREATE TABLE IF NOT EXISTS outbox_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>The configured hash key, or one created at random the first time and kept in the database.</summary>
    private byte[] HashKey(string configured)
    {
        if (configured.Length > 0)
        {
            try
            {
                return Convert.FromBase64String(configured);
            }
            catch (FormatException)
            {
                throw new OptionsValidationException(OutboxOptions.Section, typeof(OutboxOptions),
                    new[] { "Outbox:HashKey must be base64 (at least 16 bytes)." });
            }
        }
        using var connection = _database.Open();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO outbox_settings (name, value) VALUES ('scan_hash_key', $key)";
        insert.Parameters.AddWithValue("$key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        insert.ExecuteNonQuery();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT value FROM outbox_settings WHERE name = 'scan_hash_key'";
        return Convert.FromBase64String((string)select.ExecuteScalar()!);
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Storage;

namespace Devices.Gateway.Content;

/// <summary>A content change waiting for its time.</summary>
public sealed record ScheduledContent(long Id, string DeviceId, DateTimeOffset EffectiveAt, ContentKind Kind, byte[] Payload, string Source);

/// <summary>Scheduled content changes in SQLite (they survive a restart); <see cref="ContentScheduler"/> applies them.</summary>
public sealed class ContentSchedule
{
    private readonly GatewayDatabase _database;
    private readonly SemaphoreSlim _added = new(0);

    public ContentSchedule(GatewayDatabase database)
    {
        _database = database;
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS content_schedule (
                id INTEGER PRIMARY KEY AUTOINCREMENT, device_id TEXT NOT NULL, effective_at INTEGER NOT NULL,
                kind INTEGER NOT NULL, payload BLOB NOT NULL, source TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS content_schedule_due ON content_schedule (effective_at);
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>Released whenever something is added, so the scheduler re-plans its wait.</summary>
    public SemaphoreSlim Added => _added;

    public long Add(string deviceId, DateTimeOffset effectiveAt, ContentKind kind, byte[] payload, string source)
    {
        long id;
        using (var connection = _database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO content_schedule (device_id, effective_at, kind, payload, source) VALUES ($id, $at, $kind, $payload, $source);
                SELECT last_insert_rowid();
                """;
            command.Parameters.AddWithValue("$id", deviceId);
            command.Parameters.AddWithValue("$at", effectiveAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$kind", (int)kind);
            command.Parameters.AddWithValue("$payload", payload);
            command.Parameters.AddWithValue("$source", source);
            id = (long)command.ExecuteScalar()!;
        }
        _added.Release();
        return id;
    }

    /// <summary>Pending changes of one device (null: all devices), earliest first.</summary>
    public IReadOnlyList<ScheduledContent> List(string? deviceId) =>
        Query(deviceId is null ? "1 = 1" : "device_id = $device", deviceId, DateTimeOffset.MaxValue);

    public IReadOnlyList<ScheduledContent> Due(DateTimeOffset now) => Query("effective_at <= $now", null, now);

    public DateTimeOffset? NextDue()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(effective_at) FROM content_schedule";
        var value = command.ExecuteScalar();
        return value is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>False when there was no such entry for this device.</summary>
    public bool Remove(long id, string? deviceId = null)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM content_schedule WHERE id = $id AND ($device IS NULL OR device_id = $device)";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$device", (object?)deviceId ?? DBNull.Value);
        return command.ExecuteNonQuery() > 0;
    }

    private IReadOnlyList<ScheduledContent> Query(string where, string? deviceId, DateTimeOffset now)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, device_id, effective_at, kind, payload, source FROM content_schedule WHERE " + where + " ORDER BY effective_at, id";
        command.Parameters.AddWithValue("$device", (object?)deviceId ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", now == DateTimeOffset.MaxValue ? long.MaxValue : now.ToUnixTimeMilliseconds());
        using var reader = command.ExecuteReader();
        var list = new List<ScheduledContent>();
        while (reader.Read())
        {
            list.Add(new ScheduledContent(reader.GetInt64(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                (ContentKind)reader.GetInt32(3), (byte[])reader[4], reader.GetString(5)));
        }
        return list;
    }
}

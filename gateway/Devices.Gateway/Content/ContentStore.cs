using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Security;
using Devices.Gateway.Storage;
using Microsoft.Data.Sqlite;

namespace Devices.Gateway.Content;

/// <summary>A device's desired content: version, what it is, the signed envelope to publish, the hash of its picture.</summary>
public sealed record StoredContent(string DeviceId, uint Version, ContentKind Kind, byte[] Payload, byte[] Envelope, byte[] PictureHash, DateTimeOffset UpdatedAt);

/// <summary>One past version of a device's content.</summary>
public sealed record ContentHistoryEntry(uint Version, ContentKind Kind, byte[] Payload, string Source, DateTimeOffset CreatedAt);

public enum SetOutcome { Changed, Unchanged, VersionMismatch }

/// <summary>The answer to a write: what happened and the device's (new or current) version.</summary>
public sealed record SetResult(SetOutcome Outcome, uint Version);

/// <summary>
/// Desired content per device in SQLite, with its history. Versions only grow (current + 1 per change); a change
/// whose picture hash equals the current one is not a change (no new version, nothing re-sent). Writes are
/// serialised by one lock: the check of the current version and the write are one step.
/// </summary>
public sealed class ContentStore
{
    private readonly GatewayDatabase _database;
    private readonly TimeProvider _time;
    private readonly object _writeLock = new();
    private readonly ConcurrentDictionary<string, StoredContent> _current = new();
    private readonly Counter<long> _changes;
    private readonly Counter<long> _unchanged;

    public ContentStore(GatewayDatabase database, TimeProvider time, IMeterFactory meters)
    {
        _database = database;
        _time = time;
        var meter = meters.Create("Devices.Gateway.Content");
        _changes = meter.CreateCounter<long>("devices.content.changes", description: "New desired content versions");
        _unchanged = meter.CreateCounter<long>("devices.content.unchanged", description: "Content writes skipped because the picture did not change");
        using var connection = _database.Open();
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS content_desired (
                device_id TEXT PRIMARY KEY, version INTEGER NOT NULL, kind INTEGER NOT NULL, payload BLOB NOT NULL,
                envelope BLOB NOT NULL, picture_hash BLOB NOT NULL, updated_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS content_history (
                device_id TEXT NOT NULL, version INTEGER NOT NULL, kind INTEGER NOT NULL, payload BLOB NOT NULL,
                source TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (device_id, version));
            """);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT device_id, version, kind, payload, envelope, picture_hash, updated_at FROM content_desired";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var stored = new StoredContent(reader.GetString(0), (uint)reader.GetInt64(1), (ContentKind)reader.GetInt32(2),
                (byte[])reader[3], (byte[])reader[4], (byte[])reader[5], DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)));
            _current[stored.DeviceId] = stored;
        }
    }

    /// <summary>Raised after a commit that gave a device a new desired version (the reconciler sends it).</summary>
    public event Action<string>? DesiredChanged;

    public StoredContent? Get(string deviceId) => _current.TryGetValue(deviceId, out var c) ? c : null;

    /// <summary>Every device's current desired content (a snapshot).</summary>
    public IReadOnlyCollection<StoredContent> All() => _current.Values.ToArray();

    /// <summary>
    /// Sets one device's content. <paramref name="ifMatch"/> (when given) must equal the current version (0 = none
    /// yet), else nothing is written and the current version comes back as a mismatch.
    /// </summary>
    public SetResult Set(ContentDevice device, PreparedContent content, uint? ifMatch, string source)
    {
        var results = SetMany(new[] { (device, content) }, ifMatch, source);
        return results[0];
    }

    /// <summary>Sets several devices' content in one transaction (bulk updates).</summary>
    public IReadOnlyList<SetResult> SetMany(IReadOnlyList<(ContentDevice Device, PreparedContent Content)> items, uint? ifMatch, string source)
    {
        var results = new SetResult[items.Count];
        var changed = new List<StoredContent>();
        lock (_writeLock)
        {
            var now = _time.GetUtcNow();
            using var connection = _database.Open();
            using var transaction = connection.BeginTransaction();
            var pending = new Dictionary<string, StoredContent>();
            for (int i = 0; i < items.Count; i++)
            {
                var (device, content) = items[i];
                var current = pending.TryGetValue(device.Id, out var p) ? p : Get(device.Id);
                uint currentVersion = current?.Version ?? 0;
                if (ifMatch is { } expected && expected != currentVersion)
                {
                    results[i] = new SetResult(SetOutcome.VersionMismatch, currentVersion);
                    continue;
                }
                if (current is not null && current.Kind == content.Kind && current.PictureHash.AsSpan().SequenceEqual(content.PictureHash))
                {
                    results[i] = new SetResult(SetOutcome.Unchanged, currentVersion);
                    _unchanged.Add(1);
                    continue;
                }
                uint version = currentVersion + 1;
                var envelope = ContentSigner.Sign(device.Id, device.ContentKey, version, content.Kind, content.Payload);
                var stored = new StoredContent(device.Id, version, content.Kind, content.Payload, envelope, content.PictureHash, now);
                Write(connection, transaction, stored, source);
                pending[device.Id] = stored;
                results[i] = new SetResult(SetOutcome.Changed, version);
            }
            transaction.Commit();
            _changes.Add(pending.Count);
            foreach (var stored in pending.Values)
            {
                _current[stored.DeviceId] = stored;
                changed.Add(stored);
            }
        }
        foreach (var stored in changed) DesiredChanged?.Invoke(stored.DeviceId);
        return results;
    }

    public IReadOnlyList<ContentHistoryEntry> History(string deviceId, int limit)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, kind, payload, source, created_at FROM content_history WHERE device_id = $id ORDER BY version DESC LIMIT $limit";
        command.Parameters.AddWithValue("$id", deviceId);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var list = new List<ContentHistoryEntry>();
        while (reader.Read())
        {
            list.Add(new ContentHistoryEntry((uint)reader.GetInt64(0), (ContentKind)reader.GetInt32(1), (byte[])reader[2],
                reader.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }
        return list;
    }

    private static void Write(SqliteConnection connection, SqliteTransaction transaction, StoredContent c, string source)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO content_desired (device_id, version, kind, payload, envelope, picture_hash, updated_at)
            VALUES ($id, $version, $kind, $payload, $envelope, $hash, $at)
            ON CONFLICT (device_id) DO UPDATE SET version = excluded.version, kind = excluded.kind, payload = excluded.payload,
                envelope = excluded.envelope, picture_hash = excluded.picture_hash, updated_at = excluded.updated_at;
            INSERT INTO content_history (device_id, version, kind, payload, source, created_at)
            VALUES ($id, $version, $kind, $payload, $source, $at);
            """;
        command.Parameters.AddWithValue("$id", c.DeviceId);
        command.Parameters.AddWithValue("$version", (long)c.Version);
        command.Parameters.AddWithValue("$kind", (int)c.Kind);
        command.Parameters.AddWithValue("$payload", c.Payload);
        command.Parameters.AddWithValue("$envelope", c.Envelope);
        command.Parameters.AddWithValue("$hash", c.PictureHash);
        command.Parameters.AddWithValue("$at", c.UpdatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$source", source);
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

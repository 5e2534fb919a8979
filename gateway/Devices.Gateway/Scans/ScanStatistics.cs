using System;
using System.Collections.Generic;
using Devices.Gateway.Outbox;
using Devices.Gateway.Storage;
using Microsoft.Data.Sqlite;

namespace Devices.Gateway.Scans;

/// <summary>Delivery state of one scan's webhook: pending (not tried yet), retrying, delivered, dead.</summary>
public sealed record DeliveryView(long Id, string DeviceId, long Seq, string DataMasked, DateTimeOffset ReceivedAt, string State,
    int Attempts, string? LastError, DateTimeOffset? NextAttemptAt, DateTimeOffset? DoneAt);

public sealed record DeliveryCounts(long Pending, long Retrying, long Delivered, long Dead);

/// <summary>
/// Read-only queries over the outbox for the staff console (per-minute counts, delivery states, one scan's data).
/// They never write, so the outbox's single writer and its hot path are untouched.
/// </summary>
public sealed class ScanStatistics(GatewayDatabase database, ScanOutbox outbox)
{
    // Ids follow arrival order; receive times can be a little out of order across one group commit.
    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(5);

    public ScanOutbox Outbox { get; } = outbox;

    /// <summary>Scans received per minute in [end - minutes, end), oldest minute first; end is a minute boundary.</summary>
    public long[] PerMinute(DateTimeOffset end, int minutes)
    {
        var counts = new long[minutes];
        long to = end.ToUnixTimeMilliseconds();
        long from = to - minutes * 60_000L;
        using var connection = database.Open();
        long firstId = FirstIdReceivedAfter(connection, from - (long)Slack.TotalMilliseconds);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (received_at_ms - $from) / 60000, COUNT(*) FROM outbox_events " +
            "WHERE id >= $first AND received_at_ms >= $from AND received_at_ms < $to GROUP BY 1";
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        command.Parameters.AddWithValue("$first", firstId);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            long minute = reader.GetInt64(0);
            if (minute >= 0 && minute < minutes) counts[minute] = reader.GetInt64(1);
        }
        return counts;
    }

    /// <summary>
    /// The smallest id whose receive time is at or after <paramref name="at"/>, by binary search over the primary
    /// key (a few dozen index lookups instead of a scan of every stored scan).
    /// </summary>
    private static long FirstIdReceivedAfter(SqliteConnection connection, long at)
    {
        using var bounds = connection.CreateCommand();
        bounds.CommandText = "SELECT MIN(id), MAX(id) FROM outbox_events";
        long lo, hi;
        using (var reader = bounds.ExecuteReader())
        {
            reader.Read();
            if (reader.IsDBNull(0)) return 0;
            lo = reader.GetInt64(0);
            hi = reader.GetInt64(1) + 1;
        }
        using var probe = connection.CreateCommand();
        probe.CommandText = "SELECT id, received_at_ms FROM outbox_events WHERE id >= $id ORDER BY id LIMIT 1";
        var id = probe.Parameters.Add("$id", SqliteType.Integer);
        while (lo < hi)
        {
            long mid = lo + (hi - lo) / 2;
            id.Value = mid;
            using var reader = probe.ExecuteReader();
            if (!reader.Read()) { hi = mid; continue; }
            if (reader.GetInt64(1) < at) lo = reader.GetInt64(0) + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// Scans waiting, retrying and dead now, and delivered since <paramref name="deliveredSince"/> (a week of delivered
    /// scans on a busy gateway is millions of rows; the index on (state, done_at_ms) keeps a recent window cheap).
    /// </summary>
    public DeliveryCounts Counts(DateTimeOffset deliveredSince)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT " +
            "(SELECT COUNT(*) FROM outbox_events WHERE state = 0 AND attempts = 0), " +
            "(SELECT COUNT(*) FROM outbox_events WHERE state = 0 AND attempts > 0), " +
            "(SELECT COUNT(*) FROM outbox_events WHERE state = 1 AND done_at_ms >= $since), " +
            "(SELECT COUNT(*) FROM outbox_events WHERE state = 2)";
        command.Parameters.AddWithValue("$since", deliveredSince.ToUnixTimeMilliseconds());
        using var reader = command.ExecuteReader();
        reader.Read();
        return new DeliveryCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>Newest first; <paramref name="state"/> null for all, else pending, retrying, delivered or dead.</summary>
    public IReadOnlyList<DeliveryView> Deliveries(string? state, int limit)
    {
        string where = state switch
        {
            "pending" => "WHERE state = 0 AND attempts = 0",
            "retrying" => "WHERE state = 0 AND attempts > 0",
            "delivered" => "WHERE state = 1",
            "dead" => "WHERE state = 2",
            _ => "",
        };
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, device_id, seq, received_at_ms, data, state, attempts, last_error, next_attempt_ms, done_at_ms " +
            "FROM outbox_events " + where + " ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var list = new List<DeliveryView>();
        while (reader.Read())
        {
            int stored = reader.GetInt32(5);
            int attempts = reader.GetInt32(6);
            string name = stored switch { 1 => "delivered", 2 => "dead", _ => attempts > 0 ? "retrying" : "pending" };
            list.Add(new DeliveryView(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), ScanView.Mask(reader.GetFieldValue<byte[]>(4)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), name, attempts, reader.IsDBNull(7) ? null : reader.GetString(7),
                name == "retrying" ? DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)) : null,
                reader.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9))));
        }
        return list;
    }

    /// <summary>The stored data of one scan (as the privacy setting left it); null when there is no such scan.</summary>
    public byte[]? Data(long id)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM outbox_events WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() as byte[];
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.Json;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Storage;

namespace Devices.Gateway.Registry;

/// <summary>
/// Device status in memory, written behind to SQLite (table <c>device_status</c>) by <see cref="DeviceStatusWriter"/>:
/// ten thousand devices saying hello after a power cut must not cost ten thousand fsyncs. After a restart every
/// device starts offline with its last known values; its next hello refreshes them.
/// </summary>
public sealed class DeviceStatusStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly GatewayDatabase _database;
    private readonly ConcurrentDictionary<string, DeviceStatusEntry> _status = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _dirty = new(StringComparer.Ordinal);
    private readonly Func<DateTimeOffset> _now;

    public DeviceStatusStore(GatewayDatabase database) : this(database, () => DateTimeOffset.UtcNow) { }

    public DeviceStatusStore(GatewayDatabase database, Func<DateTimeOffset> now)
    {
        _database = database;
        _now = now;
        using var connection = _database.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS device_status (id TEXT PRIMARY KEY, status TEXT NOT NULL)";
            create.ExecuteNonQuery();
        }
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT id, status FROM device_status";
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            var entry = JsonSerializer.Deserialize<DeviceStatusEntry>(reader.GetString(1), Json);
            if (entry != null) _status[reader.GetString(0)] = entry with { Online = false, OnlineSince = null, OfflineReason = entry.Online ? "gateway restarted" : entry.OfflineReason };
        }
    }

    /// <summary>Raised after a device went from offline to online or back (id, online).</summary>
    public event Action<string, bool>? OnlineChanged;

    public DeviceStatusEntry Get(string deviceId) =>
        _status.TryGetValue(deviceId, out var s) ? s : new DeviceStatusEntry();

    public int OnlineCount()
    {
        int n = 0;
        foreach (var s in _status.Values) if (s.Online) n++;
        return n;
    }

    public void RecordHello(string deviceId, HelloMessage hello) => Update(deviceId, s => s with
    {
        Firmware = hello.FirmwareVersion,
        BatteryMillivolts = hello.BatteryMillivolts,
        Rssi = hello.Rssi,
        BootCount = hello.BootCount,
        WakeCause = Names.Of(hello.WakeCause),
        AppliedContentVersion = hello.AppliedContentVersion,
        DroppedScans = hello.DroppedScans,
        QueuedScans = hello.QueuedScans,
    }, online: true);

    public void RecordState(string deviceId, StateMessage state)
    {
        if (state.Status == DeviceStatus.Offline)
        {
            Update(deviceId, s => s with { OfflineReason = "last will" }, online: false);
            return;
        }
        Update(deviceId, s => s with
        {
            BatteryMillivolts = state.BatteryMillivolts,
            Rssi = state.Rssi,
            AppliedContentVersion = state.AppliedContentVersion,
            DroppedScans = state.DroppedScans,
            Display = Names.Of(state.Display),
        }, online: true);
    }

    public void RecordAck(string deviceId, AckMessage ack) => Update(deviceId, s => s with
    {
        AppliedContentVersion = ack.AppliedContentVersion,
        LastAck = new DeviceAckEntry(ack.ContentVersion, Names.Of(ack.Result), ack.Detail, ack.AppliedContentVersion, _now()),
    }, online: true);

    /// <summary>Any other message from the device: it is alive.</summary>
    public void RecordSeen(string deviceId) => Update(deviceId, s => s, online: true);

    /// <summary>
    /// The broker saw the connection end. A clean DISCONNECT is "disconnected"; a lost connection is "connection
    /// lost" unless the will already said "last will" (the will may arrive before or after this).
    /// </summary>
    public void RecordDisconnected(string deviceId, bool clean)
    {
        if (!clean && !Get(deviceId).Online) return;
        Update(deviceId, s => s with { OfflineReason = clean ? "disconnected" : "connection lost" }, online: false);
    }

    /// <summary>Writes every changed entry in one transaction; returns how many.</summary>
    public int Flush()
    {
        if (_dirty.IsEmpty) return 0;
        var ids = new List<string>();
        foreach (var id in _dirty.Keys) if (_dirty.TryRemove(id, out _)) ids.Add(id);
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = "INSERT INTO device_status (id, status) VALUES ($id, $status) ON CONFLICT (id) DO UPDATE SET status = excluded.status";
        var pid = upsert.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
        var pstatus = upsert.Parameters.Add("$status", Microsoft.Data.Sqlite.SqliteType.Text);
        foreach (var id in ids)
        {
            pid.Value = id;
            pstatus.Value = JsonSerializer.Serialize(Get(id), Json);
            upsert.ExecuteNonQuery();
        }
        transaction.Commit();
        return ids.Count;
    }

    private void Update(string deviceId, Func<DeviceStatusEntry, DeviceStatusEntry> change, bool online)
    {
        var now = _now();
        bool wasOnline = false;
        _status.AddOrUpdate(deviceId,
            _ => Apply(new DeviceStatusEntry(), change, online, now),
            (_, old) => { wasOnline = old.Online; return Apply(old, change, online, now); });
        _dirty[deviceId] = 0;
        if (wasOnline != online) OnlineChanged?.Invoke(deviceId, online);
    }

    private static DeviceStatusEntry Apply(DeviceStatusEntry old, Func<DeviceStatusEntry, DeviceStatusEntry> change, bool online, DateTimeOffset now)
    {
        var s = change(old) with { Online = online, LastSeen = online ? now : old.LastSeen };
        if (online) s = s with { OfflineReason = null };
        if (online && !old.Online) s = s with { OnlineSince = now };
        if (!online) s = s with { OnlineSince = null };
        return s;
    }
}

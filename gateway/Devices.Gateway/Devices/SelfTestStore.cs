using System;
using System.Collections.Generic;
using System.Text.Json;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Storage;

namespace Devices.Gateway.Registry;

/// <summary>One check of a stored self-test, as GET /api/devices/{id}/selftest returns it.</summary>
public sealed record SelfTestCheckView(string Name, bool Passed, string Detail);

/// <summary>A device's latest self-test report (contract in docs/cli-hardware.md; the CLI parses exactly this).</summary>
public sealed record SelfTestView(string DeviceId, long UnixTime, IReadOnlyList<SelfTestCheckView> Checks)
{
    public static SelfTestView From(string deviceId, SelfTestReport report)
    {
        var checks = new List<SelfTestCheckView>(report.Checks.Length);
        foreach (var c in report.Checks) checks.Add(new SelfTestCheckView(c.Name, c.Passed, c.Detail));
        return new SelfTestView(deviceId, report.UnixTime, checks);
    }
}

/// <summary>
/// The latest self-test report per device, in SQLite (table <c>device_selftest</c>). Reports are rare (a factory
/// test, a field request), so each one is written at once.
/// </summary>
public sealed class SelfTestStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly GatewayDatabase _database;

    public SelfTestStore(GatewayDatabase database)
    {
        _database = database;
        using var connection = _database.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE IF NOT EXISTS device_selftest (id TEXT PRIMARY KEY, report TEXT NOT NULL)";
        create.ExecuteNonQuery();
    }

    /// <summary>Keeps the report, replacing the device's previous one.</summary>
    public void Record(string deviceId, SelfTestReport report)
    {
        using var connection = _database.Open();
        using var upsert = connection.CreateCommand();
        upsert.CommandText = "INSERT INTO device_selftest (id, report) VALUES ($id, $report) ON CONFLICT (id) DO UPDATE SET report = excluded.report";
        upsert.Parameters.AddWithValue("$id", deviceId);
        upsert.Parameters.AddWithValue("$report", JsonSerializer.Serialize(SelfTestView.From(deviceId, report), Json));
        upsert.ExecuteNonQuery();
    }

    /// <summary>The device's latest report, or null when it never sent one.</summary>
    public SelfTestView? Latest(string deviceId)
    {
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT report FROM device_selftest WHERE id = $id";
        select.Parameters.AddWithValue("$id", deviceId);
        return select.ExecuteScalar() is string json ? JsonSerializer.Deserialize<SelfTestView>(json, Json) : null;
    }
}

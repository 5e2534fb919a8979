using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Security;
using Devices.Gateway.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Devices.Gateway.Registry;

/// <summary>
/// Devices in SQLite (table <c>devices</c>), mirrored in memory so a broker login costs a dictionary look-up.
/// The 32-byte secret is stored in the data folder (protect it like a key file) and is never logged.
/// </summary>
public sealed class DeviceRegistry : IDeviceRegistry
{
    public const int MaxNameLength = 64;
    public const int MaxSkuLength = 64;

    private readonly GatewayDatabase _database;
    private readonly ILogger<DeviceRegistry> _logger;
    private readonly ConcurrentDictionary<string, Entry> _devices = new(StringComparer.Ordinal);
    private readonly object _writeGate = new();

    private sealed record Entry(DeviceRecord Device, DeviceIdentity Identity);

    public DeviceRegistry(GatewayDatabase database, ILogger<DeviceRegistry> logger)
    {
        _database = database;
        _logger = logger;
        using var connection = _database.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS devices (
                    id         TEXT PRIMARY KEY,
                    kind       TEXT NOT NULL,
                    panel      TEXT NOT NULL,
                    red        INTEGER NOT NULL,
                    name       TEXT NOT NULL,
                    sku        TEXT,
                    created_at TEXT NOT NULL,
                    secret     BLOB NOT NULL
                );
                CREATE INDEX IF NOT EXISTS devices_sku ON devices (sku) WHERE sku IS NOT NULL;
                """;
            create.ExecuteNonQuery();
        }
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT id, kind, panel, red, name, sku, created_at, secret FROM devices";
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            DeviceKindNames.TryParse(reader.GetString(1), out var kind);
            var device = new DeviceRecord(
                reader.GetString(0), kind, reader.GetString(2), reader.GetInt64(3) != 0, reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture));
            var secret = (byte[])reader[7];
            _devices[device.Id] = new Entry(device, new DeviceIdentity(device.Id, secret));
        }
    }

    public ProvisionResult Provision(ProvisionRequest request)
    {
        if (request == null) return ProvisionResult.Invalid("A JSON body with at least \"kind\" is required.");
        if (!DeviceKindNames.TryParse(request.Kind, out var kind))
            return ProvisionResult.Invalid($"\"kind\" must be \"tent\" or \"label\", not \"{request.Kind}\".");
        string panel = string.IsNullOrEmpty(request.Panel) ? "2.9" : request.Panel;
        if (panel != "2.13" && panel != "2.9" && panel != "4.2")
            return ProvisionResult.Invalid($"\"panel\" must be \"2.13\", \"2.9\" or \"4.2\", not \"{panel}\".");
        string name = (request.Name ?? "").Trim();
        if (name.Length > MaxNameLength) return ProvisionResult.Invalid($"\"name\" must be at most {MaxNameLength} characters.");
        string? sku = string.IsNullOrWhiteSpace(request.Sku) ? null : request.Sku.Trim();
        if (sku != null && sku.Length > MaxSkuLength) return ProvisionResult.Invalid($"\"sku\" must be at most {MaxSkuLength} characters.");
        if (request.Id != null && !DeviceId.IsValid(request.Id))
            return ProvisionResult.Invalid($"\"id\" '{request.Id}' is invalid: use 1 to 32 characters of a-z, 0-9 and '-'.");

        lock (_writeGate)
        {
            string id = request.Id ?? NewId(kind);
            if (_devices.TryGetValue(id, out var existing)) return ProvisionResult.Exists(existing.Device);
            byte[] secret = RandomNumberGenerator.GetBytes(DeviceIdentity.SecretBytes);
            var device = new DeviceRecord(id, kind, panel, request.Red, name.Length == 0 ? id : name, sku,
                DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
            using (var connection = _database.Open())
            using (var insert = connection.CreateCommand())
            {
                insert.CommandText = """
                    INSERT INTO devices (id, kind, panel, red, name, sku, created_at, secret)
                    VALUES ($id, $kind, $panel, $red, $name, $sku, $created, $secret)
                    """;
                insert.Parameters.AddWithValue("$id", id);
                insert.Parameters.AddWithValue("$kind", device.KindName);
                insert.Parameters.AddWithValue("$panel", panel);
                insert.Parameters.AddWithValue("$red", request.Red ? 1 : 0);
                insert.Parameters.AddWithValue("$name", device.Name);
                insert.Parameters.AddWithValue("$sku", (object?)sku ?? DBNull.Value);
                insert.Parameters.AddWithValue("$created", device.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
                insert.Parameters.AddWithValue("$secret", secret);
                insert.ExecuteNonQuery();
            }
            var identity = new DeviceIdentity(id, secret);
            _devices[id] = new Entry(device, identity);
            _logger.LogInformation("Provisioned {Kind} {DeviceId} ({Panel}\")", device.KindName, id, panel);
            return ProvisionResult.Created(device, secret, identity);
        }
    }

    public DeviceRecord? Find(string deviceId) =>
        deviceId != null && _devices.TryGetValue(deviceId, out var e) ? e.Device : null;

    public IReadOnlyList<DeviceRecord> List() =>
        _devices.Values.Select(e => e.Device).OrderBy(d => d.Id, StringComparer.Ordinal).ToList();

    public DeviceIdentity? FindIdentity(string deviceId) =>
        deviceId != null && _devices.TryGetValue(deviceId, out var e) ? e.Identity : null;

    public bool SetSku(string deviceId, string? sku)
    {
        sku = string.IsNullOrWhiteSpace(sku) ? null : sku.Trim();
        if (sku != null && sku.Length > MaxSkuLength) throw new ArgumentException($"A SKU must be at most {MaxSkuLength} characters.");
        lock (_writeGate)
        {
            if (!_devices.TryGetValue(deviceId, out var entry)) return false;
            using (var connection = _database.Open())
            using (var update = connection.CreateCommand())
            {
                update.CommandText = "UPDATE devices SET sku = $sku WHERE id = $id";
                update.Parameters.AddWithValue("$sku", (object?)sku ?? DBNull.Value);
                update.Parameters.AddWithValue("$id", deviceId);
                update.ExecuteNonQuery();
            }
            _devices[deviceId] = entry with { Device = entry.Device with { Sku = sku } };
            return true;
        }
    }

    public bool SetName(string deviceId, string name)
    {
        name = (name ?? "").Trim();
        if (name.Length == 0) throw new ArgumentException("A name cannot be empty.");
        if (name.Length > MaxNameLength) throw new ArgumentException($"A name must be at most {MaxNameLength} characters.");
        lock (_writeGate)
        {
            if (!_devices.TryGetValue(deviceId, out var entry)) return false;
            using (var connection = _database.Open())
            using (var update = connection.CreateCommand())
            {
                update.CommandText = "UPDATE devices SET name = $name WHERE id = $id";
                update.Parameters.AddWithValue("$name", name);
                update.Parameters.AddWithValue("$id", deviceId);
                update.ExecuteNonQuery();
            }
            _devices[deviceId] = entry with { Device = entry.Device with { Name = name } };
            return true;
        }
    }

    public IReadOnlyList<DeviceRecord> FindBySku(string sku) =>
        _devices.Values.Select(e => e.Device).Where(d => d.Sku == sku).OrderBy(d => d.Id, StringComparer.Ordinal).ToList();

    private string NewId(DeviceKind kind)
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789"; // no look-alikes (l/1, o/0)
        while (true)
        {
            var chars = new char[6];
            for (int i = 0; i < chars.Length; i++) chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            string id = $"{DeviceKindNames.Name(kind)}-{new string(chars)}";
            if (!_devices.ContainsKey(id)) return id;
        }
    }
}

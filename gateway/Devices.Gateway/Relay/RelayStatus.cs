using System;
using System.Threading;
using Devices.Gateway.Storage;

namespace Devices.Gateway.Relay;

/// <summary>
/// The relay's endpoint state for the API and health: configured, disabled by a 410 (kept in the database per URL,
/// so a restart does not hammer a gone endpoint; cleared by the API or by configuring another URL), last outcomes.
/// </summary>
public sealed class RelayStatus
{
    private readonly GatewayDatabase _database;
    private readonly object _gate = new();
    private Snapshot _now;

    public RelayStatus(GatewayDatabase database, Microsoft.Extensions.Options.IOptions<RelayOptions> options)
    {
        _database = database;
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE IF NOT EXISTS relay_disabled_endpoints (url TEXT PRIMARY KEY, disabled_at_ms INTEGER NOT NULL, reason TEXT NOT NULL)";
            command.ExecuteNonQuery();
        }
        var url = options.Value.Url;
        _now = new Snapshot(url.Length > 0, DisplayUrl(url), null, null, null, null, null, 0);
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT disabled_at_ms, reason FROM relay_disabled_endpoints WHERE url = $url";
            command.Parameters.AddWithValue("$url", url);
            using var reader = command.ExecuteReader();
            if (reader.Read())
                _now = _now with { DisabledAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), DisabledReason = reader.GetString(1) };
        }
        ConfiguredUrl = url;
    }

    /// <summary>The URL as configured (may hold a token: not shown in the API, see <see cref="Snapshot.Endpoint"/>).</summary>
    public string ConfiguredUrl { get; }

    public Snapshot Current
    {
        get { lock (_gate) return _now; }
    }

    public bool Disabled => Current.DisabledAt is not null;

    /// <summary>Returns true the first time (so the caller logs once).</summary>
    public bool Disable(DateTimeOffset at, string reason)
    {
        lock (_gate)
        {
            if (_now.DisabledAt is not null) return false;
            _now = _now with { DisabledAt = at, DisabledReason = reason };
        }
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO relay_disabled_endpoints (url, disabled_at_ms, reason) VALUES ($url, $at, $reason)";
        command.Parameters.AddWithValue("$url", ConfiguredUrl);
        command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$reason", reason);
        command.ExecuteNonQuery();
        return true;
    }

    public void Enable()
    {
        lock (_gate) _now = _now with { DisabledAt = null, DisabledReason = null };
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM relay_disabled_endpoints WHERE url = $url";
        command.Parameters.AddWithValue("$url", ConfiguredUrl);
        command.ExecuteNonQuery();
    }

    public void Delivered(DateTimeOffset at)
    {
        lock (_gate) _now = _now with { LastDeliveryAt = at, ConsecutiveFailures = 0 };
    }

    public void Failed(DateTimeOffset at, string error)
    {
        lock (_gate) _now = _now with { LastFailureAt = at, LastError = error, ConsecutiveFailures = _now.ConsecutiveFailures + 1 };
    }

    /// <summary>Scheme, host and path only: a query string may carry a token.</summary>
    private static string? DisplayUrl(string url)
    {
        if (url.Length == 0) return null;
        if (url.StartsWith('/')) return url;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : null;
    }

    public sealed record Snapshot(
        bool Configured,
        string? Endpoint,
        DateTimeOffset? DisabledAt,
        string? DisabledReason,
        DateTimeOffset? LastDeliveryAt,
        DateTimeOffset? LastFailureAt,
        string? LastError,
        int ConsecutiveFailures);
}

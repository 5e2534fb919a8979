using System;
using System.Collections.Generic;
using System.IO;
using Devices.Gateway.Outbox;
using Devices.Gateway.Scans;
using Devices.Gateway.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Devices.Gateway.Tests.Outbox;

/// <summary>A ScanOutbox on a SQLite file in a temp folder, built by the module's own registration (no host started).</summary>
public sealed class OutboxFixture : IDisposable
{
    private ServiceProvider? _services;

    public OutboxFixture(params string[] settings)
    {
        Folder = Path.Combine(Path.GetTempPath(), "gw-outbox-" + Guid.NewGuid().ToString("N"));
        Settings = new Dictionary<string, string?> { ["Storage:DataFolder"] = Folder };
        foreach (var s in settings)
        {
            var i = s.IndexOf('=');
            Settings[s[..i]] = s[(i + 1)..];
        }
        Open();
    }

    public string Folder { get; }
    public Dictionary<string, string?> Settings { get; }
    public ScanOutbox Outbox { get; private set; } = null!;
    public string DatabaseFile => Path.Combine(Folder, "gateway.db");

    /// <summary>Closes the outbox (writer stopped, connections closed) and opens it again from the file.</summary>
    public void Reopen()
    {
        Close();
        Open();
    }

    /// <summary>A plain connection to the file, independent of the outbox.</summary>
    public SqliteConnection Raw()
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseFile, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    public long Scalar(string sql)
    {
        using var c = Raw();
        using var command = c.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private void Open()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        _services = new ServiceCollection().AddLogging().AddGatewayStorage(configuration).AddScans(configuration).BuildServiceProvider();
        Outbox = _services.GetRequiredService<ScanOutbox>();
    }

    private void Close()
    {
        _services?.Dispose();
        _services = null;
        SqliteConnection.ClearAllPools();
    }

    public void Dispose()
    {
        Close();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

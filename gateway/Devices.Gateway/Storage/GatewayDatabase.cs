using System.IO;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Storage;

/// <summary>
/// Opens connections to the gateway's SQLite database: WAL journal (readers never block the writer) and
/// synchronous=FULL (a committed scan survives a power cut). Each module creates its own tables at start.
/// </summary>
public sealed class GatewayDatabase
{
    private readonly string _connectionString;

    public GatewayDatabase(IOptions<StorageOptions> options)
    {
        var o = options.Value;
        Directory.CreateDirectory(o.DataFolder);
        Path = System.IO.Path.GetFullPath(System.IO.Path.Combine(o.DataFolder, o.DatabaseFile));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    public string Path { get; }

    /// <summary>An open connection with the durability settings applied; dispose it when done.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";
        command.ExecuteNonQuery();
        return connection;
    }
}

using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace Devices.Gateway.Outbox;

/// <summary>The writer's connection and open transaction, with its commands kept prepared between batches.</summary>
public sealed class OutboxWriteContext : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new();
    private SqliteTransaction? _transaction;

    public OutboxWriteContext(SqliteConnection connection) => _connection = connection;

    public void Begin(SqliteTransaction transaction) => _transaction = transaction;

    /// <summary>A command for <paramref name="sql"/> in the current transaction, with no parameters yet.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }
        command.Transaction = _transaction;
        command.Parameters.Clear();
        return command;
    }

    /// <summary>
    /// A command for <paramref name="sql"/> whose parameters (<paramref name="names"/>, in order) are created once
    /// and kept: the hot writes set their values instead of rebuilding the collection per row.
    /// </summary>
    public SqliteCommand Prepared(string sql, params string[] names)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
            _commands.Add(sql, command);
        }
        command.Transaction = _transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values) command.Dispose();
    }
}

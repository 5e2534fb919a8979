using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Devices.Gateway.Tests.Outbox;

public class CrashSafetyTests
{
    /// <summary>
    /// A separate process appends from 16 concurrent callers and prints each acknowledgement; it is SIGKILLed
    /// mid-stream. Every scan it acknowledged must be in the database file afterwards, and the file must be sound.
    /// </summary>
    [Fact]
    public async Task Every_acknowledged_append_survives_a_SIGKILL()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gw-crash-" + Guid.NewGuid().ToString("N"));
        var child = Path.Combine(AppContext.BaseDirectory, "Devices.Gateway.OutboxLoad.dll");
        Assert.True(File.Exists(child), "the crash target was not built next to the tests: " + child);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(child);
        start.ArgumentList.Add("crash-child");
        start.ArgumentList.Add(folder);

        var acked = new List<(string Device, long Seq)>();
        using (var process = Process.Start(start)!)
        {
            var until = DateTime.UtcNow.AddSeconds(60);
            while (acked.Count < 1500)
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
                if (line is null) Assert.Fail("the crash target stopped: " + await process.StandardError.ReadToEndAsync());
                Assert.True(DateTime.UtcNow < until, "too slow");
                acked.Add(Parse(line!));
            }
            process.Kill(); // SIGKILL on Unix: no shutdown, no flush, no dispose
            // Acknowledgements already written to the pipe before the kill count too.
            string? rest;
            while ((rest = await process.StandardOutput.ReadLineAsync()) is not null)
                if (rest.StartsWith("ACK ")) acked.Add(Parse(rest));
            await process.WaitForExitAsync();
        }

        try
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "gateway.db")};Pooling=False");
            connection.Open();
            using (var check = connection.CreateCommand())
            {
                check.CommandText = "PRAGMA integrity_check";
                Assert.Equal("ok", check.ExecuteScalar());
            }
            using var exists = connection.CreateCommand();
            exists.CommandText = "SELECT COUNT(*) FROM outbox_events WHERE device_id = $d AND seq = $s AND data = CAST($data AS BLOB)";
            var d = exists.Parameters.Add("$d", SqliteType.Text);
            var s = exists.Parameters.Add("$s", SqliteType.Integer);
            var data = exists.Parameters.Add("$data", SqliteType.Text);
            int missing = 0;
            foreach (var (device, seq) in acked)
            {
                d.Value = device;
                s.Value = seq;
                data.Value = device + "/" + seq;
                if ((long)exists.ExecuteScalar()! != 1) missing++;
            }
            Assert.True(missing == 0, $"{missing} of {acked.Count} acknowledged scans are missing after the kill");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }

    private static (string, long) Parse(string line)
    {
        var parts = line.Split(' ');
        Assert.True(parts.Length == 3 && parts[0] == "ACK", "unexpected output: " + line);
        return (parts[1], long.Parse(parts[2]));
    }
}

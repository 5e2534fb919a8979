using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;

namespace Devices.Gateway.Load;

/// <summary>
/// The connection run's devices live in a child process: each loopback connection costs a descriptor on both ends,
/// and 10,000 of them in one process would exceed this machine's open-file limit (20,000). It also keeps the
/// clients' memory out of the gateway's working set.
/// </summary>
public static class ClientProcess
{
    public const string Command = "connect-clients";

    /// <summary>Child side: connect every "user password" line, print "connected N failed M seconds S", hold until stdin closes.</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        int port = int.Parse(args[1]);
        var accounts = File.ReadAllLines(args[2]).Select(l => l.Split(' ')).Select(p => new Publishers.Account(p[0], p[1])).ToList();
        var limit = TimeSpan.FromSeconds(double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
        var clients = new ConcurrentBag<IMqttClient>();
        int failed = 0;
        var clock = Stopwatch.StartNew();
        foreach (var batch in accounts.Chunk(200))
        {
            if (clock.Elapsed > limit) break;
            await Task.WhenAll(batch.Select(async a =>
            {
                var c = await Publishers.TryConnectAsync(port, a);
                if (c != null) clients.Add(c); else Interlocked.Increment(ref failed);
            }));
        }
        clock.Stop();
        Console.WriteLine($"connected {clients.Count} failed {failed} seconds {clock.Elapsed.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} workingset {Environment.WorkingSet}");
        Console.Out.Flush();
        await Console.In.ReadToEndAsync();
        await Publishers.DisconnectAllAsync(clients);
        return 0;
    }

    public sealed record Result(int Connected, int Failed, double Seconds, long ClientWorkingSet);

    /// <summary>Parent side: starts the child, returns its report and the running child (dispose it to disconnect).</summary>
    public static async Task<(Result Result, Process Child)> StartAsync(int port, IReadOnlyList<Publishers.Account> accounts, double seconds)
    {
        string file = Path.GetTempFileName();
        await File.WriteAllLinesAsync(file, accounts.Select(a => a.User + " " + a.Password));
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Under "dotnet Devices.Gateway.Load.dll" the process path is the dotnet host; name the dll again.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(ClientProcess).Assembly.Location);
        foreach (var a in new[] { Command, port.ToString(), file, seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
        var child = Process.Start(start) ?? throw new InvalidOperationException("The client process did not start.");
        string? line = await child.StandardOutput.ReadLineAsync();
        File.Delete(file);
        var parts = line?.Split(' ');
        if (parts is not { Length: 8 } || parts[0] != "connected")
            throw new InvalidOperationException($"The client process reported \"{line}\" instead of its connection count.");
        return (new Result(int.Parse(parts[1]), int.Parse(parts[3]), double.Parse(parts[5], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[7])), child);
    }

    public static async Task StopAsync(Process child)
    {
        child.StandardInput.Close();
        await child.WaitForExitAsync();
        child.Dispose();
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Threading;

namespace Devices.Simulator.Tests.Brokers;

/// <summary>
/// A real Mosquitto process: loopback listener on a free port, anonymous access off, a password file made with
/// mosquitto_passwd, an ACL file with the per-device patterns, no persistence. Stop and Start reuse the port.
/// </summary>
public sealed class MosquittoBroker : BrokerUnderTest
{
    private readonly string _folder;
    private readonly string _configPath;
    private Process? _process;

    /// <param name="accounts">Device user names (= device ids) and passwords; the gateway account is added.</param>
    public MosquittoBroker(IEnumerable<(string User, string Password)> accounts)
    {
        string mosquitto = FindTool("mosquitto");
        string passwd = FindTool("mosquitto_passwd");
        _ = mosquitto;
        _folder = Directory.CreateTempSubdirectory("mosquitto-test-").FullName;
        Port = FreePort();

        string passwordFile = Path.Combine(_folder, "passwords");
        File.WriteAllText(passwordFile, "");
        AddPassword(passwd, passwordFile, GatewayUser, GatewayPassword);
        foreach (var (user, password) in accounts) AddPassword(passwd, passwordFile, user, password);

        string aclFile = Path.Combine(_folder, "acl");
        File.WriteAllText(aclFile,
            "# Devices: publish only under their own uplink prefix, read only their own downlinks.\n" +
            "pattern write dev/%u/#\n" +
            "pattern read cmd/%u/#\n" +
            "\n" +
            $"user {GatewayUser}\n" +
            "topic readwrite #\n");

        _configPath = Path.Combine(_folder, "mosquitto.conf");
        File.WriteAllText(_configPath,
            $"listener {Port} 127.0.0.1\n" +
            "allow_anonymous false\n" +
            $"password_file {passwordFile}\n" +
            $"acl_file {aclFile}\n" +
            "persistence false\n" +
            "log_dest stderr\n" +
            "log_type error\n" +
            "log_type warning\n" +
            // Running as root, mosquitto would switch to the 'mosquitto' user, which cannot read our temp folder.
            (Environment.UserName == "root" ? "user root\n" : ""));
        Start();
    }

    public override string Name => "mosquitto";

    public string Log { get; private set; } = "";

    public override void Start()
    {
        if (_process != null) return;
        var start = new ProcessStartInfo(FindTool("mosquitto"), ["-c", _configPath])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start.");
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (log) { log.AppendLine(e.Data); Log = log.ToString(); } };
        process.OutputDataReceived += (_, e) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;
        WaitUntilListening(process);
    }

    public override void Stop()
    {
        var process = _process;
        _process = null;
        if (process == null) return;
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }
        }
        finally { process.Dispose(); }
    }

    public override void Dispose()
    {
        Stop();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private void WaitUntilListening(Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"mosquitto exited at start (code {process.ExitCode}): {Log}");
            try
            {
                using var client = new TcpClient();
                client.Connect(Host, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }
        throw new TimeoutException($"mosquitto did not listen on port {Port} within 10 s: {Log}");
    }

    private static void AddPassword(string passwd, string file, string user, string password)
    {
        var start = new ProcessStartInfo(passwd, ["-b", file, user, password])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"mosquitto_passwd failed for '{user}': {error}");
    }

    /// <summary>The tool's path; a clear failure when the mosquitto package is missing.</summary>
    private static string FindTool(string name)
    {
        foreach (string dir in new[] { "/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin" })
        {
            string path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            string path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException($"'{name}' was not found: install the Debian package 'mosquitto' (tests/run.sh does).");
    }
}

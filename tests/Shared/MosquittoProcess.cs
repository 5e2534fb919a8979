using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Threading;

namespace Devices.TestSupport;

/// <summary>
/// A real Mosquitto process for the tests (compiled into the gateway and simulator test projects): loopback listener
/// on a given port, no anonymous access, a password file made by mosquitto_passwd, the per-device ACL (write
/// dev/%u/#, read cmd/%u/#) and a gateway account that may read and write everything. No persistence: sessions
/// live while the process runs; Stop and Start reuse the port. A missing mosquitto fails the test with a clear message.
/// </summary>
public sealed class MosquittoProcess : IDisposable
{
    public const string GatewayUser = "gateway";
    public const string GatewayPassword = "gateway-password-for-tests";

    private readonly string _folder;
    private readonly string _configPath;
    private readonly System.Text.StringBuilder _log = new();
    private Process? _process;

    public MosquittoProcess(int port, IEnumerable<(string User, string Password)> accounts)
    {
        Port = port;
        string passwd = FindTool("mosquitto_passwd");
        _folder = Directory.CreateTempSubdirectory("mosquitto-test-").FullName;
        string passwordFile = Path.Combine(_folder, "passwords");
        File.WriteAllText(passwordFile, "");
        AddPassword(passwd, passwordFile, GatewayUser, GatewayPassword);
        foreach (var (user, password) in accounts) AddPassword(passwd, passwordFile, user, password);
        string aclFile = Path.Combine(_folder, "acl");
        File.WriteAllText(aclFile,
            "pattern write dev/%u/#\n" +
            "pattern read cmd/%u/#\n" +
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
            // As root, mosquitto would switch to the 'mosquitto' user, which cannot read our temp folder.
            (Environment.UserName == "root" ? "user root\n" : ""));
        Start();
    }

    public int Port { get; }
    public string Log { get { lock (_log) return _log.ToString(); } }

    public void Start()
    {
        if (_process != null) return;
        var start = new ProcessStartInfo(FindTool("mosquitto"), ["-c", _configPath])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start.");
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_log) _log.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"mosquitto exited at start (code {process.ExitCode}): {Log}");
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException) { Thread.Sleep(20); }
        }
        throw new TimeoutException($"mosquitto did not listen on port {Port} within 10 s: {Log}");
    }

    public void Stop()
    {
        var process = _process;
        _process = null;
        if (process == null) return;
        try { if (!process.HasExited) { process.Kill(); process.WaitForExit(5000); } }
        finally { process.Dispose(); }
    }

    public void Dispose()
    {
        Stop();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
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

    private static string FindTool(string name)
    {
        var dirs = new List<string> { "/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin" };
        dirs.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator));
        foreach (string dir in dirs)
        {
            if (dir.Length == 0) continue;
            string path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException($"'{name}' was not found: install the Debian package 'mosquitto' (tests/run.sh does).");
    }
}

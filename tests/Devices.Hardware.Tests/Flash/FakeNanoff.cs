using System;
using System.IO;
using System.Linq;

namespace Devices.Hardware.Tests.Flash;

/// <summary>
/// A stand-in `nanoff` placed first on PATH: it records each command line (arguments joined by '|') and fails with
/// exit code 7 when one of its arguments equals FailOn. Restores PATH when disposed.
/// </summary>
public sealed class FakeNanoff : IDisposable
{
    private readonly string? _oldPath = Environment.GetEnvironmentVariable("PATH");

    public string Folder { get; } = Repo.TempFolder();
    public string Log => Path.Combine(Folder, "calls.log");

    public FakeNanoff(string? failOn = null)
    {
        var script = Path.Combine(Folder, "nanoff");
        File.WriteAllText(script,
            "#!/bin/sh\n" +
            $"printf '%s|' \"$@\" >> '{Log}'\n" +
            $"echo >> '{Log}'\n" +
            "echo \"fake nanoff: $1\"\n" +
            (failOn == null ? "" : $"for a in \"$@\"; do if [ \"$a\" = '{failOn}' ]; then echo 'E2001: cannot connect' >&2; exit 7; fi; done\n") +
            "exit 0\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Environment.SetEnvironmentVariable("PATH", Folder + Path.PathSeparator + _oldPath);
    }

    /// <summary>Each call's arguments.</summary>
    public string[][] Calls() => File.Exists(Log)
        ? File.ReadAllLines(Log).Where(l => l.Length > 0).Select(l => l.TrimEnd('|').Split('|')).ToArray()
        : [];

    public void Dispose() => Environment.SetEnvironmentVariable("PATH", _oldPath);
}

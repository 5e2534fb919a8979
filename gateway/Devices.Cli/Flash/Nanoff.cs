using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;

namespace Devices.Cli.Flash;

/// <summary>The nanoFramework flasher (`dotnet tool install -g nanoff`), found on PATH and run with its output passed through.</summary>
public sealed class Nanoff(string path)
{
    public const string InstallCommand = "dotnet tool install -g nanoff";

    public string Path { get; } = path;

    /// <summary>Finds nanoff on PATH (or uses explicitPath); a UserError with the install command when it is not there.</summary>
    public static Nanoff Locate(string? explicitPath = null)
    {
        if (explicitPath != null)
        {
            if (!File.Exists(explicitPath)) throw new UserError($"nanoff not found at {explicitPath}.", FlashExitCodes.NanoffMissing);
            return new Nanoff(explicitPath);
        }
        var names = OperatingSystem.IsWindows() ? new[] { "nanoff.exe", "nanoff.cmd" } : new[] { "nanoff" };
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = System.IO.Path.Combine(dir, name);
                if (File.Exists(candidate)) return new Nanoff(candidate);
            }
        }
        throw new UserError(
            $"nanoff is not installed (not found on PATH). Install it with:\n  {InstallCommand}\nthen make sure ~/.dotnet/tools (Windows: %USERPROFILE%\\.dotnet\\tools) is on PATH.",
            FlashExitCodes.NanoffMissing);
    }

    /// <summary>Runs nanoff with the arguments, copying its output line by line; returns its exit code.</summary>
    public int Run(IReadOnlyList<string> arguments, TextWriter output)
    {
        var psi = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        output.WriteLine("  > nanoff " + string.Join(' ', arguments));
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new UserError($"nanoff at {Path} did not start.", FlashExitCodes.NanoffMissing);
        }
        catch (Win32Exception e)
        {
            throw new UserError($"nanoff at {Path} cannot be started: {e.Message}. Reinstall it with: {InstallCommand}", FlashExitCodes.NanoffMissing);
        }
        using (process)
        {
            var sync = new object();
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (sync) output.WriteLine("    " + e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (sync) output.WriteLine("    " + e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.WaitForExit();
            return process.ExitCode;
        }
    }
}

public static class FlashExitCodes
{
    public const int NanoffMissing = 2;
    public const int PortNotFound = 3;
    public const int NanoffFailed = 4;
}

using System;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace Devices.Firmware.Core.Tests.Oracles;

/// <summary>
/// Runs an independent command-line tool (zbarimg, ZXingReader, zint). tests/run.sh installs them; a missing tool
/// fails the test with the install command rather than skipping it.
/// </summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static Result Run(string tool, params string[] args) => Run(Encoding.UTF8, tool, args);

    /// <summary>Runs a tool reading its standard output in <paramref name="stdoutEncoding"/> (Latin-1 keeps raw bytes).</summary>
    public static Result Run(Encoding stdoutEncoding, string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = stdoutEncoding,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException(tool + " did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                tool + " is not installed (" + e.Message + "). Run tests/run.sh, which installs zbar-tools, zxing-cpp-tools and zint.", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(true);
                throw new TimeoutException(tool + " took more than 60 s");
            }
            return new Result(process.ExitCode, stdout.Result, stderr);
        }
    }

    public static string TempFile(string extension)
    {
        var dir = Path.Combine(Path.GetTempPath(), "devices-tests");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, Guid.NewGuid().ToString("N") + extension);
    }
}

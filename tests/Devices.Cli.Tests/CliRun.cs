using System.CommandLine;
using System.IO;
using Devices.Firmware.Core.Tests.Oracles;

namespace Devices.Cli.Tests;

/// <summary>Runs the real command tree in-process, capturing what it prints.</summary>
public static class CliRun
{
    public sealed record Outcome(int ExitCode, string StdOut, string StdErr);

    public static Outcome Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new Outcome(code, output.ToString(), error.ToString());
    }

    public static string TempFile(string extension) => ExternalTool.TempFile(extension);

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(System.AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Devices.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException("Devices.sln not found above the test binaries");
        }
    }
}

using System.CommandLine;
using System.IO;

namespace Devices.Hardware.Tests;

/// <summary>Runs the `devices` command tree in-process with captured output.</summary>
public static class Cli
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Devices.Cli.Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}

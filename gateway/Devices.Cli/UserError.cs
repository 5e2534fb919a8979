using System;
using System.CommandLine;
using System.IO;
using Devices.Cli.Boards;

namespace Devices.Cli;

/// <summary>Something the person at the keyboard can fix; its message says how. ExitCode lets scripts tell cases apart.</summary>
public sealed class UserError(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>Runs a verb: user errors become one clear line on stderr and an exit code, never a stack trace.</summary>
    public static int Guard(ParseResult parse, Func<TextWriter, int> body)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return body(output);
        }
        catch (UserError e)
        {
            error.WriteLine("error: " + e.Message);
            return e.ExitCode;
        }
        catch (BoardException e)
        {
            error.WriteLine("error: " + e.Message);
            return 1;
        }
    }
}

using System;
using System.CommandLine;
using System.IO;

namespace Devices.Cli.Render;

/// <summary>
/// <c>devices render qr|barcode|label|tent</c>: draws codes and whole screens with the device's own Core code into
/// PNG or PBM files. Every failure is one "error: ..." line on stderr and exit code 1; options are read as text and
/// checked here, so even a malformed command line gets that one clear line instead of a parser dump.
/// </summary>
public static class RenderCommand
{
    public static Command Build()
    {
        var render = new Command("render", "Draw a QR code, a barcode, a shelf label or a table-tent screen into a PNG or PBM file.");
        render.Subcommands.Add(QrRender.Build());
        render.Subcommands.Add(BarcodeRender.Build());
        render.Subcommands.Add(ScreenRender.BuildLabel());
        render.Subcommands.Add(ScreenRender.BuildTent());
        // "devices render" alone or with an unknown verb.
        render.TreatUnmatchedTokensAsErrors = false;
        render.SetAction(result =>
        {
            string verb = result.UnmatchedTokens.Count > 0 ? $"unknown render verb '{result.UnmatchedTokens[0]}': " : "";
            result.InvocationConfiguration.Error.WriteLine($"error: {verb}choose what to render: qr, barcode, label or tent (see devices render --help)");
            return 1;
        });
        return render;
    }

    /// <summary>An option read as text: the verb checks and converts it, so errors read the same everywhere.</summary>
    internal static Option<string> TextOption(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };

    internal static Option<bool> FlagOption(string name, string description) =>
        new(name) { Description = description };

    /// <summary>Runs a verb: its own problems become one "error:" line and exit code 1, never a stack trace.</summary>
    internal static void SetVerbAction(Command command, Func<ParseResult, TextWriter, int> body)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(result =>
        {
            var error = result.InvocationConfiguration.Error;
            try
            {
                if (result.UnmatchedTokens.Count > 0)
                    throw new RenderException($"unknown argument '{result.UnmatchedTokens[0]}' (see devices render {command.Name} --help)");
                if (result.Errors.Count > 0)
                    throw new RenderException(result.Errors[0].Message);
                return body(result, result.InvocationConfiguration.Output);
            }
            catch (RenderException e)
            {
                error.WriteLine("error: " + e.Message);
                return 1;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine("error: " + e.Message);
                return 1;
            }
        });
    }

    internal static string Required(ParseResult result, Option<string> option)
    {
        string? value = result.GetValue(option);
        if (string.IsNullOrEmpty(value))
            throw new RenderException(result.GetResult(option) is null ? $"{option.Name} is required" : $"{option.Name} needs a value");
        return value;
    }

    internal static int Number(ParseResult result, Option<string> option, int fallback, int min, int max)
    {
        if (result.GetResult(option) is null) return fallback;
        string? text = result.GetValue(option);
        if (string.IsNullOrEmpty(text)) throw new RenderException($"{option.Name} needs a value");
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) || n < min || n > max)
            throw new RenderException($"{option.Name} must be a whole number from {min} to {max}, not '{text}'");
        return n;
    }
}

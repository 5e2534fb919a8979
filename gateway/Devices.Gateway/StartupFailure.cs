using System;
using System.IO;
using System.Linq;
using Microsoft.Extensions.Options;

namespace Devices.Gateway;

/// <summary>Turns what stops the gateway at start (bad options, a port in use, a missing file) into one line for the operator.</summary>
public static class StartupFailure
{
    /// <summary>The line to print, or null for an unexpected error (which keeps its stack trace).</summary>
    public static string? Describe(Exception e)
    {
        switch (e)
        {
            case OptionsValidationException v:
                return string.Join(" ", v.Failures.Select(f => f.TrimEnd('.') + "."));
            case GatewayStartupException s:
                return s.Message;
            case InvalidOperationException i when i.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                // "Failed to convert configuration value '70x' at 'Mqtt:Port' to type 'System.Int32'." says it well enough.
                return i.Message;
            case IOException io when io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase):
                return $"The HTTP address is in use: {io.Message} (set Urls, e.g. --urls http://127.0.0.1:5081).";
            case AggregateException a when a.InnerExceptions.Count == 1:
                return Describe(a.InnerExceptions[0]);
            default:
                return e.InnerException != null && e is not GatewayStartupException ? Describe(e.InnerException) : null;
        }
    }
}

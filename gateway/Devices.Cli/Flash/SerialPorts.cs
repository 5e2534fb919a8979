using System;
using System.IO;
using System.Linq;

namespace Devices.Cli.Flash;

/// <summary>Which serial ports exist, so a typo gets a list instead of a timeout inside nanoff.</summary>
public static class SerialPorts
{
    public static string[] Existing() => System.IO.Ports.SerialPort.GetPortNames().Order(StringComparer.Ordinal).ToArray();

    /// <summary>Throws a UserError listing the ports when port is not one of them. On Linux/macOS a device path that exists is accepted too (e.g. /dev/serial/by-id/...).</summary>
    public static void Check(string port, Func<string[]> existing)
    {
        var ports = existing();
        if (ports.Contains(port, OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)) return;
        if (!OperatingSystem.IsWindows() && port.StartsWith('/') && File.Exists(port)) return;
        var list = ports.Length == 0 ? "none found (is the board plugged in, and its USB-serial driver installed?)" : string.Join(", ", ports);
        throw new UserError($"Serial port '{port}' not found. Ports that exist: {list}.", FlashExitCodes.PortNotFound);
    }
}

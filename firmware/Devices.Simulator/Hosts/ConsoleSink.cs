using System.IO;
using Devices.Firmware.Core.Apps;

namespace Devices.Simulator.Hosts;

/// <summary>Self-test lines to a text writer (the simulator's stdout), prefixed with the device id.</summary>
public sealed class ConsoleSink(string deviceId, TextWriter output) : ISelfTestSink
{
    public void WriteLine(string line)
    {
        lock (output) output.WriteLine($"[{deviceId}] {line}");
    }
}

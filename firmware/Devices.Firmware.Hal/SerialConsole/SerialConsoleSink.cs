using Devices.Firmware.Core.Apps;

namespace Devices.Firmware.Hal.SerialConsole
{
    /// <summary>
    /// Self-test lines on the console, each prefixed "DEVSELFTEST " so `devices selftest --port` finds them among
    /// boot logs and the debugger's wire-protocol packets (format: firmware/README.md, "Self-test report").
    /// </summary>
    public sealed class SerialConsoleSink : ISelfTestSink
    {
        public const string Marker = "DEVSELFTEST ";

        public void WriteLine(string line)
        {
            System.Console.WriteLine(string.Concat(Marker, line));
        }
    }
}

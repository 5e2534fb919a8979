using System;
using System.Diagnostics;
using System.IO;
using System.IO.Ports;
using System.Threading;

namespace Devices.Cli.SelfTest;

/// <summary>Reads a self-test report from a board's serial console.</summary>
public static class SerialReport
{
    /// <summary>nanoFramework's ESP32 console runs at 921600 baud.</summary>
    public const int DefaultBaud = 921600;

    /// <summary>
    /// Opens the port, optionally resets the board (RTS pulse on the usual EN auto-reset circuit), and reads until
    /// a complete report arrived or the timeout passed.
    /// </summary>
    public static SelfTestTranscript Read(string port, int baud, TimeSpan timeout, bool reset, TextWriter output)
    {
        var transcript = new SelfTestTranscript();
        using var serial = new SerialPort(port, baud, Parity.None, 8, StopBits.One) { ReadTimeout = 200, DtrEnable = false, RtsEnable = false };
        try
        {
            serial.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UserError($"Cannot open {port}: {e.Message}" + (e is UnauthorizedAccessException ? " (in use by another program, or no permission: on Linux join the dialout group)." : ""));
        }
        if (reset)
        {
            serial.RtsEnable = true;
            Thread.Sleep(100);
            serial.RtsEnable = false;
        }
        output.WriteLine($"Waiting up to {timeout.TotalSeconds:0} s for the self-test report on {port} ...");
        var buffer = new byte[1024];
        var clock = Stopwatch.StartNew();
        int shown = 0;
        while (clock.Elapsed < timeout && !transcript.IsComplete)
        {
            int n;
            try { n = serial.Read(buffer, 0, buffer.Length); }
            catch (TimeoutException) { continue; }
            catch (IOException e) { throw new UserError($"Reading {port} failed: {e.Message}"); }
            transcript.Feed(buffer, 0, n);
            for (; shown < transcript.Checks.Count; shown++)
            {
                var c = transcript.Checks[shown];
                output.WriteLine($"  {(c.Passed ? "PASS" : "FAIL")} {c.Name}: {c.Detail}");
            }
        }
        return transcript;
    }
}

using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Devices.Cli.SelfTest;

namespace Devices.Hardware.Tests.SelfTest;

/// <summary>
/// The real serial path: socat makes a pseudo-terminal pair; the test writes the firmware's output into one end and
/// `devices selftest --port` reads the other through System.IO.Ports.
/// </summary>
public class SerialSelfTestTests
{
    private sealed class PtyPair : IDisposable
    {
        private readonly Process _socat;
        public string Board { get; }
        public string Host { get; }

        public PtyPair()
        {
            var dir = Repo.TempFolder();
            Board = Path.Combine(dir, "board");
            Host = Path.Combine(dir, "host");
            var psi = new ProcessStartInfo("socat") { UseShellExecute = false, RedirectStandardError = true };
            psi.ArgumentList.Add($"pty,raw,echo=0,link={Board}");
            psi.ArgumentList.Add($"pty,raw,echo=0,link={Host}");
            try { _socat = Process.Start(psi)!; }
            catch (System.ComponentModel.Win32Exception e) { throw new InvalidOperationException("socat is not installed: apt-get install socat (tests/run.sh installs it).", e); }
            var until = DateTime.UtcNow.AddSeconds(10);
            while (!(File.Exists(Board) && File.Exists(Host)) && DateTime.UtcNow < until) Thread.Sleep(50);
            if (!File.Exists(Host)) throw new InvalidOperationException("socat did not create the pty pair: " + _socat.StandardError.ReadToEnd());
        }

        public void Dispose()
        {
            if (!_socat.HasExited) _socat.Kill();
            _socat.Dispose();
        }
    }

    [Fact]
    public void ReadsAReportFromASerialPort()
    {
        using var pty = new PtyPair();
        var writer = new Thread(() =>
        {
            Thread.Sleep(500);
            using var board = new FileStream(pty.Board, FileMode.Open, FileAccess.Write);
            foreach (var piece in SelfTestTranscriptTests.Report.Chunk(17))
            {
                board.Write(Encoding.UTF8.GetBytes(piece));
                board.Flush();
                Thread.Sleep(5);
            }
        });
        writer.Start();
        var (code, output, error) = Cli.Run("selftest", "--port", pty.Host, "--timeout", "20");
        writer.Join();
        Assert.Equal(SelfTestCommand.Failed, code);
        Assert.Contains("PASS display: test pattern shown", output);
        Assert.Contains("FAIL mqtt: no PUBACK within 5000 ms", output);
        Assert.Contains("table-7: self-test FAILED (1 of 3 checks)", output);
        Assert.Equal("", error);
    }

    [Fact]
    public void SilenceEndsWithAClearMessage()
    {
        using var pty = new PtyPair();
        var (code, _, error) = Cli.Run("selftest", "--port", pty.Host, "--timeout", "1");
        Assert.Equal(SelfTestCommand.NoReport, code);
        Assert.Contains("No complete self-test report within 1 s", error);
    }

    [Fact]
    public void AMissingPortIsAClearError()
    {
        var (code, _, error) = Cli.Run("selftest", "--port", "/dev/ttyNOPE9", "--timeout", "1");
        Assert.Equal(1, code);
        Assert.Contains("Cannot open /dev/ttyNOPE9", error);
    }
}

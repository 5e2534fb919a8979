using System;
using System.Linq;
using System.Text;
using Devices.Cli.SelfTest;

namespace Devices.Hardware.Tests.SelfTest;

public class SelfTestTranscriptTests
{
    // What the firmware prints (firmware/README.md), surrounded by boot noise and a wire-protocol-like binary header.
    public static readonly string Report =
        "ets Jun  8 2016 00:22:57\r\nrst:0x1 (POWERON_RESET)\r\n" +
        "MSdbgV1\0\u0001\u00ff" + "DEVSELFTEST BEGIN table-7 1.0.0\r\n" +
        "DEVSELFTEST PASS display: test pattern shown, busy 2410 ms\r\n" +
        "noise line\r\n" +
        "DEVSELFTEST PASS scanner: GM65 answered\r\n" +
        "DEVSELFTEST FAIL mqtt: no PUBACK within 5000 ms\r\n" +
        "DEVSELFTEST self-test FAILED\r\n" +
        "DEVSELFTEST END 3\r\n";

    [Fact]
    public void ParsesTheReportWhateverTheChunking()
    {
        var bytes = Encoding.UTF8.GetBytes(Report);
        for (int chunk = 1; chunk <= bytes.Length; chunk += chunk < 8 ? 1 : 13)
        {
            var t = new SelfTestTranscript();
            for (int at = 0; at < bytes.Length; at += chunk) t.Feed(bytes, at, Math.Min(chunk, bytes.Length - at));
            Assert.True(t.IsComplete, "chunk " + chunk);
            Assert.Equal("table-7", t.DeviceId);
            Assert.Equal("1.0.0", t.FirmwareVersion);
            Assert.Equal(new[] { "display", "scanner", "mqtt" }, t.Checks.Select(c => c.Name));
            Assert.Equal(new[] { true, true, false }, t.Checks.Select(c => c.Passed));
            Assert.Equal("no PUBACK within 5000 ms", t.Checks[2].Detail);
            Assert.False(t.AllPassed);
        }
    }

    [Fact]
    public void AllPassedNeedsCompletionAndNoFailure()
    {
        var t = new SelfTestTranscript();
        t.Feed("DEVSELFTEST BEGIN l-1 1.0.0\nDEVSELFTEST PASS storage: ok\n");
        Assert.False(t.AllPassed);
        t.Feed("DEVSELFTEST END 1\n");
        Assert.True(t.AllPassed);
    }

    [Fact]
    public void ALostLineMakesTheReportIncomplete()
    {
        var t = new SelfTestTranscript();
        t.Feed("DEVSELFTEST BEGIN l-1 1.0.0\nDEVSELFTEST PASS storage: ok\nDEVSELFTEST END 2\n");
        Assert.False(t.IsComplete);
        Assert.Contains("announced 2 checks but 1 arrived", t.Problem);
    }

    [Fact]
    public void ANewBeginStartsOver()
    {
        var t = new SelfTestTranscript();
        t.Feed("DEVSELFTEST BEGIN l-1 1.0.0\nDEVSELFTEST FAIL storage: write failed\n");
        t.Feed("DEVSELFTEST BEGIN l-1 1.0.1\nDEVSELFTEST PASS storage: ok\nDEVSELFTEST END 1\n");
        Assert.True(t.AllPassed);
        Assert.Equal("1.0.1", t.FirmwareVersion);
    }
}

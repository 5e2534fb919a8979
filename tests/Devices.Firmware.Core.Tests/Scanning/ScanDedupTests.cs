using System.Text;
using Devices.Firmware.Core.Scanning;

namespace Devices.Firmware.Core.Tests.Scanning;

public class ScanDedupTests
{
    private static bool Seen(ScanDedup dedup, string code, long ms)
    {
        var bytes = Encoding.ASCII.GetBytes(code);
        return dedup.IsRepeat(bytes, bytes.Length, ms);
    }

    [Fact]
    public void SameCodeWithinTheWindowIsARepeat()
    {
        var d = new ScanDedup();
        Assert.False(Seen(d, "PAY-123", 10_000));
        Assert.True(Seen(d, "PAY-123", 10_300));
        Assert.True(Seen(d, "PAY-123", 12_299)); // 1999 ms after the last sighting
    }

    [Fact]
    public void SameCodeAfterTheWindowIsANewScan()
    {
        var d = new ScanDedup();
        Assert.False(Seen(d, "PAY-123", 0));
        Assert.False(Seen(d, "PAY-123", 2000));
    }

    [Fact]
    public void ACodeHeldInFrontOfTheScannerIsOneScan()
    {
        var d = new ScanDedup();
        int scans = 0;
        for (long t = 0; t <= 30_000; t += 400) if (!Seen(d, "MEMBER-42", t)) scans++;
        Assert.Equal(1, scans);
    }

    [Fact]
    public void DifferentCodesAreNeverRepeats()
    {
        var d = new ScanDedup();
        Assert.False(Seen(d, "A", 0));
        Assert.False(Seen(d, "B", 10));
        Assert.False(Seen(d, "A", 20));
        Assert.False(Seen(d, "AB", 30));
        Assert.False(Seen(d, "A", 40)); // prefix of the last one
    }

    [Fact]
    public void WindowIsConfigurable()
    {
        var d = new ScanDedup(500, 64);
        Assert.False(Seen(d, "X", 0));
        Assert.True(Seen(d, "X", 499));
        Assert.False(Seen(d, "X", 999));
    }
}

using System.Linq;
using Devices.Firmware.Core.Apps;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Tests.Fakes;

namespace Devices.Firmware.Core.Tests.Apps;

public class SelfTestTests
{
    private readonly FakeClock _clock = new();
    private readonly FakeMqttLink _link = new();
    private readonly MemoryStorage _storage = new();
    private readonly RecordingDisplay _display = new(Panel.Epd29);
    private readonly FakeScanner _scanner = new();
    private readonly FakeSignal _signal = new();
    private readonly ConsoleLines _console = new();

    private SelfTest Create() => new("tent-1", new Board
    {
        Panel = Panel.Epd29, Display = _display, Link = _link, Storage = _storage, Clock = _clock, Scanner = _scanner, Signal = _signal,
    }, _console, 2000);

    [Fact]
    public void All_checks_pass_and_the_report_goes_to_the_gateway_and_the_console()
    {
        _link.Connect("tent-1", "tent-1", "pw", "", "", 30);
        var test = Create();
        test.Start();
        Assert.False(test.Step());
        _clock.Advance(12);
        _link.Acknowledge(_link.Publications.Single().MessageId);
        Assert.True(test.Step());
        var report = test.Report!;
        Assert.Equal(["display", "scanner", "storage", "signal", "mqtt", "clock"], report.Checks.Select(c => c.Name).ToArray());
        Assert.True(report.AllPassed, string.Join("; ", _console.Lines));
        Assert.Equal("PUBACK after 12 ms", report.Checks[4].Detail);
        var published = _link.Publications.Single(p => p.Topic == "dev/tent-1/selftest");
        Assert.True(SelfTestReport.TryDecode(published.Payload, 0, published.Payload.Length, out var decoded).Ok);
        Assert.True(decoded.AllPassed);
        Assert.Equal("self-test passed", _console.Lines.Last());
        Assert.Single(_display.Frames); // the test pattern
        Assert.False(_storage.Exists(SelfTest.ProbeFile));
    }

    [Fact]
    public void Failures_are_reported_one_by_one()
    {
        _link.Connect("tent-1", "tent-1", "pw", "", "", 30);
        _scanner.IsPresent = false;
        _signal.Rssi = -88;
        var test = Create();
        test.Start();
        _clock.Advance(2001); // no PUBACK
        Assert.True(test.Step());
        var failed = test.Report!.Checks.Where(c => !c.Passed).Select(c => c.Name).ToArray();
        Assert.Equal(["scanner", "signal", "mqtt"], failed);
        Assert.Contains("FAIL mqtt: no PUBACK within 2000 ms", _console.Lines);
        Assert.Equal("self-test FAILED", _console.Lines.Last());
    }

    [Fact]
    public void Without_a_connection_the_mqtt_check_fails_at_once()
    {
        var test = Create();
        test.Start();
        Assert.True(test.IsDone);
        Assert.False(test.Report!.Checks.Single(c => c.Name == "mqtt").Passed);
    }
}

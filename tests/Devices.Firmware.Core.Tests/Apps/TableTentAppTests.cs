using System;
using System.Linq;
using System.Text;
using Devices.Firmware.Core.Apps;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.RotatingCodes;
using Devices.Firmware.Core.Scanning;
using Devices.Firmware.Core.Tests.Fakes;
using Devices.Firmware.Core.Tests.Oracles;

namespace Devices.Firmware.Core.Tests.Apps;

public class TableTentAppTests
{
    private const string Id = "tent-7";
    private readonly FakeClock _clock = new();
    private readonly FakeMqttLink _link = new();
    private readonly MemoryStorage _storage = new();
    private readonly FakeScanner _scanner = new();
    private readonly RecordingDisplay _display = new(Panel.Epd29);
    private readonly FakeLed _led = new();
    private readonly Devices.Firmware.Core.Security.DeviceIdentity _identity = GatewaySide.Identity(Id);

    private TableTentApp Boot(TableTentOptions? options = null)
    {
        var board = new Board
        {
            Panel = Panel.Epd29, Display = _display, Link = _link, Storage = _storage, Clock = _clock,
            Scanner = _scanner, Signal = new FakeSignal(), Led = _led,
        };
        return new TableTentApp(_identity, board, options ?? new TableTentOptions());
    }

    private void Run(TableTentApp app, long ms, long stepMs = 100)
    {
        for (long t = 0; t < ms; t += stepMs) { _clock.Advance(stepMs); app.Step(); }
    }

    private TableTentApp Online(uint contentVersion = 1)
    {
        var app = Boot();
        app.Step();
        Assert.True(app.IsConnected);
        _link.Deliver($"cmd/{Id}/welcome", GatewaySide.Welcome(GatewaySide.Now, contentVersion));
        _link.Deliver($"cmd/{Id}/content", GatewaySide.SignedTent(_identity, contentVersion, GatewaySide.Tent()));
        app.Step();
        return app;
    }

    [Fact]
    public void Boot_connects_with_its_credentials_and_will_then_says_hello()
    {
        var app = Boot();
        app.Step();
        Assert.Equal(Id, _link.User);
        Assert.Equal(_identity.MqttPassword, _link.Password);
        Assert.Equal($"dev/{Id}/state", _link.WillTopic);
        Assert.Equal(StateMessage.OfflineWillText, _link.WillMessage);
        Assert.Contains($"cmd/{Id}/+", _link.Subscriptions);
        var hello = _link.Publications.Single(p => p.Topic == $"dev/{Id}/hello");
        Assert.Equal(1, hello.Qos);
        Assert.True(HelloMessage.TryDecode(hello.Payload, 0, hello.Payload.Length, out var h).Ok);
        Assert.Equal(DeviceKind.TableTent, h.Kind);
        Assert.Equal(0u, h.AppliedContentVersion);
    }

    [Fact]
    public void Shows_syncing_until_the_welcome_gives_the_time_then_a_code_that_scans()
    {
        var app = Boot();
        app.Step();
        _link.Deliver($"cmd/{Id}/content", GatewaySide.SignedTent(_identity, 1, GatewaySide.Tent()));
        app.Step();
        Assert.True(app.Screen.Syncing);
        Assert.Null(app.Screen.Link);

        _link.Deliver($"cmd/{Id}/welcome", GatewaySide.Welcome(GatewaySide.Now + 30, 1));
        _clock.Advance(10);
        app.Step();
        Assert.False(app.Screen.Syncing);
        var code = new RotatingCode(Id, _identity.CodeKey, 60);
        string expected = LinkTemplate.Fill(GatewaySide.Tent().LinkTemplate, Id, code.Token(code.CounterAt(GatewaySide.Now + 30)));
        Assert.Equal(expected, app.Screen.Link);
        // The picture on the panel carries that link (independent decoder).
        byte[]? decoded = Decoders.ZBar(Decoders.WritePng(_display.LastPicture()));
        Assert.NotNull(decoded);
        Assert.Equal(expected, Encoding.UTF8.GetString(decoded!));
    }

    [Fact]
    public void Redraws_at_each_period_boundary_with_a_full_refresh_every_few_partials()
    {
        var app = Online();
        int before = _display.Frames.Count;
        string first = app.Screen.Link!;
        // Wall time starts exactly on a boundary (Now is a multiple of 60): 59 s later nothing changed.
        Run(app, 59_000);
        Assert.Equal(first, app.Screen.Link);
        Assert.Equal(before, _display.Frames.Count);
        Run(app, 1_000);
        Assert.NotEqual(first, app.Screen.Link);
        Assert.Equal(before + 1, _display.Frames.Count);

        Run(app, 60_000 * 6);
        var refreshes = _display.Frames.Select(f => f.Full).ToArray();
        Assert.True(refreshes[0], "the first frame after boot is a full refresh");
        // Never more than five partial refreshes in a row.
        int run = 0;
        foreach (bool full in refreshes) { run = full ? 0 : run + 1; Assert.True(run <= 5); }
        Assert.Contains(false, refreshes);
    }

    [Fact]
    public void Scans_are_queued_published_one_at_a_time_and_deleted_on_puback()
    {
        var app = Online();
        _scanner.Receive("CODE-ONE\r");
        _scanner.Receive("CODE-TWO\r");
        app.Step();
        app.Step();
        app.Step();
        var scans = _link.Publications.Where(p => p.Topic == $"dev/{Id}/scan").ToList();
        Assert.Single(scans); // the second waits for the first PUBACK
        Assert.Equal(2, app.QueuedScans);
        Assert.True(ScanMessage.TryDecode(scans[0].Payload, 0, scans[0].Payload.Length, out var m1).Ok);
        Assert.Equal("CODE-ONE", Encoding.UTF8.GetString(m1.Data));
        Assert.Equal(GatewaySide.Now, m1.UnixTime, 2u);

        _link.Acknowledge(scans[0].MessageId);
        app.Step();
        Assert.Equal(1, app.QueuedScans);
        scans = _link.Publications.Where(p => p.Topic == $"dev/{Id}/scan").ToList();
        Assert.Equal(2, scans.Count);
        Assert.True(ScanMessage.TryDecode(scans[1].Payload, 0, scans[1].Payload.Length, out var m2).Ok);
        Assert.Equal("CODE-TWO", Encoding.UTF8.GetString(m2.Data));
        Assert.Equal(m1.Seq + 1, m2.Seq);
        _link.Acknowledge(scans[1].MessageId);
        app.Step();
        Assert.Equal(0, app.QueuedScans);
        Assert.Empty(_storage.List(ScanQueue.EntryPrefix));
    }

    [Fact]
    public void Scans_made_offline_and_across_a_reboot_are_sent_later_in_order()
    {
        var app = Online();
        _link.Drop();
        app.Step();
        Assert.False(app.IsConnected);
        _link.ConnectResult = -1; // the broker is down
        for (int i = 1; i <= 3; i++) { _scanner.Receive($"OFF-{i}\r"); Run(app, 200); }
        Assert.Equal(3, app.QueuedScans);
        Assert.DoesNotContain(_link.Publications, p => p.Topic.EndsWith("/scan"));

        // Power cut and reboot with the queue in flash; the broker is back.
        var link2 = new FakeMqttLink();
        var board = new Board { Panel = Panel.Epd29, Display = _display, Link = link2, Storage = _storage, Clock = _clock, Scanner = _scanner };
        var rebooted = new TableTentApp(_identity, board, new TableTentOptions());
        rebooted.Step();
        Assert.True(rebooted.IsConnected);
        var seen = new System.Collections.Generic.List<string>();
        for (int i = 0; i < 10 && rebooted.QueuedScans > 0; i++)
        {
            var p = link2.Publications.Last(x => x.Topic.EndsWith("/scan"));
            Assert.True(ScanMessage.TryDecode(p.Payload, 0, p.Payload.Length, out var m).Ok);
            seen.Add(Encoding.UTF8.GetString(m.Data));
            link2.Acknowledge(p.MessageId);
            rebooted.Step();
        }
        Assert.Equal(["OFF-1", "OFF-2", "OFF-3"], seen);
        Assert.Equal(0, rebooted.QueuedScans);
    }

    [Fact]
    public void Unacknowledged_scan_is_resent_after_reconnect()
    {
        var app = Online();
        _scanner.Receive("LOST-ACK\r");
        app.Step();
        Assert.Single(_link.Publications, p => p.Topic.EndsWith("/scan"));
        _link.Drop();
        Run(app, 5_000);
        Assert.True(app.IsConnected);
        var scans = _link.Publications.Where(p => p.Topic.EndsWith("/scan")).ToList();
        Assert.Equal(2, scans.Count);
        Assert.Equal(scans[0].Payload, scans[1].Payload); // same seq: the gateway dedups
    }

    [Fact]
    public void Content_is_verified_and_acked_with_the_reason()
    {
        var app = Online(contentVersion: 3);
        var acks = _link.Publications.Where(p => p.Topic == $"dev/{Id}/ack").Select(GatewaySide.Ack).ToList();
        Assert.Equal(AckResult.Applied, acks.Last().Result);
        Assert.Equal(3u, app.AppliedContentVersion);

        // Replay of the same version, an older one, a forged tag, and one signed for another device.
        _link.Deliver($"cmd/{Id}/content", GatewaySide.SignedTent(_identity, 3, GatewaySide.Tent()));
        _link.Deliver($"cmd/{Id}/content", GatewaySide.SignedTent(_identity, 2, GatewaySide.Tent()));
        var forged = GatewaySide.SignedTent(_identity, 4, GatewaySide.Tent("https://evil.example/{token}"));
        forged[^1] ^= 1;
        _link.Deliver($"cmd/{Id}/content", forged);
        _link.Deliver($"cmd/{Id}/content", GatewaySide.SignedTent(GatewaySide.Identity("tent-8"), 4, GatewaySide.Tent()));
        _link.Deliver($"cmd/{Id}/content", new byte[] { 1, 2 });
        app.Step();
        acks = _link.Publications.Where(p => p.Topic == $"dev/{Id}/ack").Select(GatewaySide.Ack).ToList();
        Assert.Equal([AckResult.Replay, AckResult.Replay, AckResult.BadSignature, AckResult.BadSignature, AckResult.Malformed],
            acks.Skip(1).Select(a => a.Result).ToArray());
        Assert.All(acks, a => Assert.Equal(3u, a.AppliedContentVersion));
        Assert.Equal(3u, app.AppliedContentVersion);
        Assert.StartsWith("https://m.example.com/", app.Screen.Link);

        // Newer and valid: applied, and it survives a reboot.
        _link.Deliver($"cmd/{Id}/content", GatewaySide.SignedTent(_identity, 4, GatewaySide.Tent("https://n.example.com/{token}")));
        app.Step();
        Assert.Equal(4u, app.AppliedContentVersion);
        var again = Boot();
        Assert.Equal(4u, again.AppliedContentVersion);
    }

    [Fact]
    public void Feedback_overlay_shows_for_its_time_then_the_code_returns()
    {
        var app = Online();
        _link.Deliver($"cmd/{Id}/notify", GatewaySide.Notify("Paid", 5, LedPattern.Blink, 2));
        app.Step();
        Assert.Equal("Paid", app.Screen.Overlay);
        Assert.Contains("flash 500/500 x2", _led.Calls);
        Run(app, 4_900);
        Assert.Equal("Paid", app.Screen.Overlay);
        Run(app, 200);
        Assert.Null(app.Screen.Overlay);
    }

    [Fact]
    public void Offline_keeps_valid_codes_and_shows_the_mark_after_a_while()
    {
        var app = Online();
        _link.ConnectResult = -1;
        _link.Drop();
        Run(app, 30_000);
        Assert.False(app.Screen.Offline);
        var code = new RotatingCode(Id, _identity.CodeKey, 60);
        Assert.Equal(LinkTemplate.Fill(GatewaySide.Tent().LinkTemplate, Id, code.Token(code.CounterAt(GatewaySide.Now + 30))), app.Screen.Link);
        Run(app, 31_000);
        Assert.True(app.Screen.Offline);
        Assert.Equal(LinkTemplate.Fill(GatewaySide.Tent().LinkTemplate, Id, code.Token(code.CounterAt(GatewaySide.Now + 61))), app.Screen.Link);
    }

    [Fact]
    public void Reconnect_backs_off_exponentially_up_to_the_cap()
    {
        var options = new TableTentOptions { ReconnectInitialMs = 1000, ReconnectMaxMs = 16000 };
        _link.ConnectResult = -1;
        var app = Boot(options);
        var gaps = new System.Collections.Generic.List<long>();
        long last = -1;
        int attempts = 0;
        for (int i = 0; i < 200_000 / 50; i++)
        {
            _clock.Advance(50);
            app.Step();
            if (app.ConnectAttempts != attempts)
            {
                if (last >= 0) gaps.Add(_clock.MonotonicMs - last);
                last = _clock.MonotonicMs;
                attempts = app.ConnectAttempts;
            }
        }
        // Equal jitter: each gap lies in [delay/2, delay], delays 1, 2, 4, 8, 16, 16, ... s.
        long[] delays = [1000, 2000, 4000, 8000, 16000, 16000, 16000];
        for (int i = 0; i < delays.Length; i++)
            Assert.InRange(gaps[i], delays[i] / 2, delays[i] + 50);
        Assert.True(gaps.Skip(4).All(g => g <= 16050));
        Assert.Equal(-1, app.LastConnectResult);
    }

    [Fact]
    public void Playlist_shows_each_entry_for_its_dwell_time()
    {
        var app = Boot();
        app.Step();
        var tent = GatewaySide.Tent();
        tent.DwellSeconds = 10;
        tent.Playlist = [new("https://rate.example.com/{device}", 5, "Rate us"), new("https://wifi.example.com/x", 3, "")];
        _link.Deliver($"cmd/{Id}/welcome", GatewaySide.Welcome(GatewaySide.Now, 1));
        _link.Deliver($"cmd/{Id}/content", GatewaySide.SignedTent(_identity, 1, tent));
        app.Step();
        Assert.StartsWith("https://m.example.com/", app.Screen.Link);
        Run(app, 10_000);
        Assert.Equal($"https://rate.example.com/{Id}", app.Screen.Link);
        Assert.Equal("Rate us", app.Screen.Headline);
        Run(app, 5_000);
        Assert.Equal("https://wifi.example.com/x", app.Screen.Link);
        Assert.Equal("Scan to order", app.Screen.Headline);
        Run(app, 3_000);
        Assert.StartsWith("https://m.example.com/", app.Screen.Link);
    }

    [Fact]
    public void A_self_test_request_runs_the_self_test_and_publishes_its_report_then_the_code_returns()
    {
        var app = Online();
        int framesBefore = _display.Frames.Count;
        _link.Deliver($"cmd/{Id}/selftest", new SelfTestRequest().Encode());
        app.Step();
        Assert.True(app.IsSelfTestRunning);
        Assert.DoesNotContain(_link.Publications, p => p.Topic == $"dev/{Id}/selftest");

        // The MQTT check's probe: a QoS 1 state publish; the broker acknowledges it.
        var probe = _link.Publications.Last(p => p.Topic == $"dev/{Id}/state" && p.Qos == 1);
        _clock.Advance(40);
        _link.Acknowledge(probe.MessageId);
        app.Step();
        Assert.False(app.IsSelfTestRunning);

        var report = _link.Publications.Single(p => p.Topic == $"dev/{Id}/selftest");
        Assert.Equal(1, report.Qos);
        Assert.True(SelfTestReport.TryDecode(report.Payload, 0, report.Payload.Length, out var r).Ok);
        Assert.Equal(new[] { "display", "scanner", "storage", "signal", "mqtt", "clock" }, r.Checks.Select(c => c.Name));
        var mqtt = r.Checks.Single(c => c.Name == "mqtt");
        Assert.True(mqtt.Passed, mqtt.Detail);
        Assert.Equal("PUBACK after 40 ms", mqtt.Detail);
        // Wall time from the gateway's welcome, carried forward: the CLI tells a new report from an old one by it.
        Assert.InRange(r.UnixTime, GatewaySide.Now, GatewaySide.Now + 2);

        // The test pattern was drawn, then the code in full again.
        Assert.True(_display.Frames.Count >= framesBefore + 2);
        Assert.True(_display.Frames[^1].Full);
        Assert.NotNull(app.Screen.Link);
    }

    [Fact]
    public void A_malformed_self_test_request_is_ignored()
    {
        var app = Online();
        _link.Deliver($"cmd/{Id}/selftest", new byte[] { 9 });
        app.Step();
        Assert.False(app.IsSelfTestRunning);
        Run(app, 6_000);
        Assert.DoesNotContain(_link.Publications, p => p.Topic == $"dev/{Id}/selftest");
    }
}

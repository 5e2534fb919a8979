using System;
using System.Linq;
using Devices.Firmware.Core.Apps;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Security;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Layouts;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Tests.Fakes;

namespace Devices.Firmware.Core.Tests.Apps;

public class ShelfLabelAppTests
{
    private const string Id = "label-3";
    private readonly FakeClock _clock = new();
    private readonly MemoryStorage _storage = new();
    private readonly RecordingDisplay _display = new(Panel.Epd29);
    private readonly FakeLed _led = new();
    private readonly Devices.Firmware.Core.Security.DeviceIdentity _identity = GatewaySide.Identity(Id);
    private readonly ShelfLabelOptions _options = new() { DefaultWakeSeconds = 3600 };
    private FakeMqttLink _link = new();
    private FakePower _power = new();

    /// <summary>A wake: a new app over the same flash, as after a reset from deep sleep.</summary>
    private ShelfLabelApp Wake(Devices.Firmware.Core.Protocol.WakeCause cause = Devices.Firmware.Core.Protocol.WakeCause.Timer, int connectResult = 0)
    {
        _link = new FakeMqttLink { ConnectResult = connectResult };
        _power = new FakePower(cause);
        _clock.MonotonicMs = 0;
        var board = new Board
        {
            Panel = Panel.Epd29, Display = _display, Link = _link, Storage = _storage, Clock = _clock, Power = _power,
            Battery = new FakeBattery(), Signal = new FakeSignal(), Led = _led,
        };
        return new ShelfLabelApp(_identity, board, _options);
    }

    private void RunUntilAsleep(ShelfLabelApp app, Action? eachStep = null, long limitMs = 60_000)
    {
        for (long t = 0; t < limitMs && !app.IsAsleep; t += 50)
        {
            eachStep?.Invoke();
            app.Step();
            _clock.Advance(50);
        }
        Assert.True(app.IsAsleep, "the label went to sleep");
    }

    private static HelloMessage Hello(FakeMqttLink link)
    {
        var p = link.Publications.Single(x => x.Topic == $"dev/{Id}/hello");
        Assert.True(HelloMessage.TryDecode(p.Payload, 0, p.Payload.Length, out var h).Ok);
        return h;
    }

    /// <summary>Plays the gateway: welcome after hello, then content if it has a newer version.</summary>
    private Action Gateway(uint desired, byte[]? content = null, uint wakeSeconds = 0)
    {
        bool sent = false;
        return () =>
        {
            if (sent || !_link.Publications.Any(p => p.Topic.EndsWith("/hello"))) return;
            sent = true;
            _link.Deliver($"cmd/{Id}/welcome", GatewaySide.Welcome(GatewaySide.Now, desired, wakeSeconds));
            if (content != null) _link.Deliver($"cmd/{Id}/content", content);
        };
    }

    /// <summary>The gateway's action (made once, so it sends once) followed by PUBACKs for the device's acks.</summary>
    private Action WithAcks(Action gateway) => () => { gateway(); AcknowledgeAcks(); };

    private void AcknowledgeAcks()
    {
        foreach (var p in _link.Publications.Where(p => p.Topic.EndsWith("/ack"))) _link.Acknowledge(p.MessageId);
    }

    [Fact]
    public void A_wake_with_nothing_new_says_hello_and_sleeps_without_drawing()
    {
        var app = Wake();
        RunUntilAsleep(app, Gateway(desired: 0));
        var hello = Hello(_link);
        Assert.Equal(DeviceKind.ShelfLabel, hello.Kind);
        Assert.Equal(2950u, hello.BatteryMillivolts);
        Assert.Equal(-61, hello.Rssi);
        Assert.Equal(Devices.Firmware.Core.Protocol.WakeCause.Timer, hello.WakeCause);
        Assert.Equal(1u, hello.BootCount);
        Assert.Empty(_display.Frames);
        Assert.Equal(3_600_000, _power.SleptMs);
        Assert.False(_link.IsConnected);
        Assert.Equal(1, _display.PowerDowns);
        Assert.True(_clock.MonotonicMs < 1_000, $"awake {_clock.MonotonicMs} ms for nothing");
    }

    [Fact]
    public void New_content_is_verified_stored_drawn_acked_and_a_same_picture_is_not_redrawn()
    {
        var app = Wake();
        var first = GatewaySide.SignedLabel(_identity, 5, GatewaySide.Label());
        RunUntilAsleep(app, WithAcks(Gateway(5, first)));
        Assert.Single(_display.Frames);
        Assert.True(_display.Frames[0].Full);
        var ack = GatewaySide.Ack(_link.Publications.Single(p => p.Topic.EndsWith("/ack")));
        Assert.Equal(AckResult.Applied, ack.Result);
        Assert.Equal(5u, ack.AppliedContentVersion);
        // What was drawn is what the layout draws for that content (pixel for pixel).
        var expected = Panel.Epd29.CreateFrame();
        new ShelfLabelLayout(Panel.Epd29).Render(GatewaySide.Label(), expected);
        Assert.Equal(expected.BlackPlane, _display.Frames[0].Black);

        // Next wake: version 6 with only the wake interval changed: applied, but the panel is not touched.
        var same = GatewaySide.Label();
        same.WakeIntervalSeconds = 900;
        app = Wake();
        Assert.Equal(5u, app.AppliedContentVersion);
        RunUntilAsleep(app, WithAcks(Gateway(6, GatewaySide.SignedLabel(_identity, 6, same))));
        Assert.Equal(5u, Hello(_link).AppliedContentVersion);
        Assert.Single(_display.Frames);
        Assert.Equal(AckResult.Applied, GatewaySide.Ack(_link.Publications.Single(p => p.Topic.EndsWith("/ack"))).Result);
        Assert.Equal(900_000, _power.SleptMs);

        // A changed price is drawn.
        app = Wake();
        RunUntilAsleep(app, WithAcks(Gateway(7, GatewaySide.SignedLabel(_identity, 7, GatewaySide.Label(priceMinor: 249)))));
        Assert.Equal(2, _display.Frames.Count);
        Assert.NotEqual(_display.Frames[0].Black, _display.Frames[1].Black);
    }

    [Fact]
    public void Replayed_or_forged_content_is_refused_with_the_reason()
    {
        var app = Wake();
        RunUntilAsleep(app, WithAcks(Gateway(5, GatewaySide.SignedLabel(_identity, 5, GatewaySide.Label()))));
        app = Wake();
        RunUntilAsleep(app, WithAcks(Gateway(6, GatewaySide.SignedLabel(_identity, 5, GatewaySide.Label("Old")))));
        var ack = GatewaySide.Ack(_link.Publications.Single(p => p.Topic.EndsWith("/ack")));
        Assert.Equal(AckResult.Replay, ack.Result);
        Assert.Equal(5u, ack.AppliedContentVersion);

        var forged = GatewaySide.SignedLabel(GatewaySide.Identity("label-4"), 9, GatewaySide.Label("Phish"));
        app = Wake();
        RunUntilAsleep(app, WithAcks(Gateway(9, forged)));
        Assert.Equal(AckResult.BadSignature, GatewaySide.Ack(_link.Publications.Single(p => p.Topic.EndsWith("/ack"))).Result);
        Assert.Single(_display.Frames);
        Assert.Equal(5u, app.AppliedContentVersion);
    }

    [Fact]
    public void Extra_glyphs_out_of_order_and_tent_content_are_refused()
    {
        var label = GatewaySide.Label();
        label.ExtraGlyphCount = 2;
        label.ExtraGlyphs = new byte[2 * LabelContent.GlyphRecordBytes];
        label.ExtraGlyphs[0] = 0x4E; label.ExtraGlyphs[1] = 0x2D;                    // U+4E2D first...
        label.ExtraGlyphs[34] = 0x4E; label.ExtraGlyphs[35] = 0x00;                  // ...then U+4E00: descending
        var app = Wake();
        RunUntilAsleep(app, WithAcks(Gateway(3, GatewaySide.SignedLabel(_identity, 3, label))));
        Assert.Equal(AckResult.Malformed, GatewaySide.Ack(_link.Publications.Single(p => p.Topic.EndsWith("/ack"))).Result);

        var tent = ContentSigner.Sign(Id, _identity.ContentKey, 4, ContentKind.Tent, TentContentCodec.Encode(GatewaySide.Tent()));
        app = Wake();
        RunUntilAsleep(app, WithAcks(Gateway(4, tent)));
        Assert.Equal(AckResult.WrongKind, GatewaySide.Ack(_link.Publications.Single(p => p.Topic.EndsWith("/ack"))).Result);
        Assert.Empty(_display.Frames);
        Assert.Equal(0u, app.AppliedContentVersion);

        // In order, the glyphs are accepted and the label is drawn.
        label.ExtraGlyphs[1] = 0x00; label.ExtraGlyphs[35] = 0x2D;
        label.Name = "\u4E00\u4E2D apples";
        app = Wake();
        RunUntilAsleep(app, WithAcks(Gateway(5, GatewaySide.SignedLabel(_identity, 5, label))));
        Assert.Equal(AckResult.Applied, GatewaySide.Ack(_link.Publications.Single(p => p.Topic.EndsWith("/ack"))).Result);
        Assert.Single(_display.Frames);
    }

    [Fact]
    public void Unreachable_broker_ends_the_wake_within_the_budget_and_backs_off()
    {
        long[] expected = [60_000, 120_000, 240_000, 480_000];
        foreach (long sleep in expected)
        {
            var app = Wake(connectResult: -1);
            RunUntilAsleep(app);
            Assert.InRange(_clock.MonotonicMs, _options.ConnectBudgetMs, _options.ConnectBudgetMs + 1_100);
            Assert.Equal(sleep, _power.SleptMs);
        }
        // The gateway is back: the normal interval again.
        var ok = Wake();
        RunUntilAsleep(ok, Gateway(0));
        Assert.Equal(3_600_000, _power.SleptMs);
        Assert.Equal(0u, ok.FailedWakes);
    }

    [Fact]
    public void Broker_up_but_no_welcome_counts_as_unreachable()
    {
        var app = Wake();
        RunUntilAsleep(app);
        Assert.Equal(_options.RetryInitialSeconds * 1000L, _power.SleptMs);
        Assert.InRange(_clock.MonotonicMs, _options.WelcomeWaitMs, _options.WelcomeWaitMs + 200);
    }

    [Fact]
    public void Button_wake_and_led_flash_command()
    {
        var app = Wake(Devices.Firmware.Core.Protocol.WakeCause.Button);
        var gateway = Gateway(0);
        RunUntilAsleep(app, () =>
        {
            gateway();
            if (_link.Publications.Any(p => p.Topic.EndsWith("/hello")) && !_led.Calls.Contains("flash 100/100 x10"))
                _link.Deliver($"cmd/{Id}/notify", GatewaySide.Notify("", 0, LedPattern.FastBlink, 10));
        });
        Assert.Equal(Devices.Firmware.Core.Protocol.WakeCause.Button, Hello(_link).WakeCause);
        Assert.Contains("flash 100/100 x10", _led.Calls);
    }

    [Fact]
    public void Wake_interval_from_the_gateway_is_clamped()
    {
        var app = Wake();
        RunUntilAsleep(app, Gateway(0, wakeSeconds: 5));
        Assert.Equal(_options.MinWakeSeconds * 1000L, _power.SleptMs);
        app = Wake();
        RunUntilAsleep(app, Gateway(0, wakeSeconds: 7200));
        Assert.Equal(7_200_000, _power.SleptMs);
    }

    [Fact]
    public void A_self_test_request_keeps_the_label_awake_until_its_report_is_published()
    {
        var app = Wake();
        var gateway = Gateway(0);
        bool requested = false;
        ushort acked = 0;
        RunUntilAsleep(app, () =>
        {
            gateway();
            if (!requested && _link.Publications.Any(p => p.Topic.EndsWith("/hello")))
            {
                requested = true;
                _link.Deliver($"cmd/{Id}/selftest", new SelfTestRequest().Encode());
            }
            // The broker acknowledges the probe only after a while, later than the label would linger.
            var probe = _link.Publications.LastOrDefault(p => p.Topic == $"dev/{Id}/state" && p.Qos == 1);
            if (probe != null && acked == 0 && _clock.MonotonicMs >= 1_000) { acked = probe.MessageId; _link.Acknowledge(probe.MessageId); }
        });
        Assert.NotEqual(0, acked);
        var report = _link.Publications.Single(p => p.Topic == $"dev/{Id}/selftest");
        Assert.True(SelfTestReport.TryDecode(report.Payload, 0, report.Payload.Length, out var r).Ok);
        var mqtt = r.Checks.Single(c => c.Name == "mqtt");
        Assert.True(mqtt.Passed, mqtt.Detail);
        Assert.Contains(r.Checks, c => c.Name == "storage" && c.Passed);
    }
    private byte[] ContentPicture()
    {
        var expected = Panel.Epd29.CreateFrame();
        new ShelfLabelLayout(Panel.Epd29).Render(GatewaySide.Label(), expected);
        return expected.BlackPlane;
    }

    [Fact]
    public void After_a_requested_self_test_the_label_draws_its_content_again()
    {
        RunUntilAsleep(Wake(), WithAcks(Gateway(5, GatewaySide.SignedLabel(_identity, 5, GatewaySide.Label()))));
        Assert.Single(_display.Frames);

        var app = Wake();
        var gateway = Gateway(5);
        bool requested = false;
        RunUntilAsleep(app, () =>
        {
            gateway();
            if (!requested && _link.Publications.Any(p => p.Topic.EndsWith("/hello")))
            {
                requested = true;
                _link.Deliver($"cmd/{Id}/selftest", new SelfTestRequest().Encode());
            }
            foreach (var p in _link.Publications.Where(p => p.Qos == 1)) _link.Acknowledge(p.MessageId);
        });
        Assert.Single(_link.Publications, p => p.Topic == $"dev/{Id}/selftest");
        Assert.True(_display.Frames.Count >= 3, $"content, test pattern, content again; saw {_display.Frames.Count} frames");
        Assert.NotEqual(ContentPicture(), _display.Frames[^2].Black);
        Assert.Equal(ContentPicture(), _display.Frames[^1].Black);
    }

    [Fact]
    public void A_wake_after_a_boot_self_test_redraws_the_content_once()
    {
        RunUntilAsleep(Wake(), WithAcks(Gateway(5, GatewaySide.SignedLabel(_identity, 5, GatewaySide.Label()))));
        ShelfLabelApp.ForgetDrawnFrame(_storage); // what the firmware does after its boot self-test
        RunUntilAsleep(Wake(Devices.Firmware.Core.Protocol.WakeCause.Reset), Gateway(5));
        Assert.Equal(2, _display.Frames.Count);
        Assert.Equal(ContentPicture(), _display.Frames[1].Black);

        RunUntilAsleep(Wake(), Gateway(5)); // the picture is on record again: nothing to draw
        Assert.Equal(2, _display.Frames.Count);
    }
}

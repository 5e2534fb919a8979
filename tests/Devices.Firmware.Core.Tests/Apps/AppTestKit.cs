using System;
using System.Collections.Generic;
using System.Text;
using Devices.Firmware.Core.Apps;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Hal;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Security;
using Devices.Firmware.Core.Tests.Fakes;
using Devices.Imaging;

namespace Devices.Firmware.Core.Tests.Apps;

/// <summary>A panel that records every frame it was shown.</summary>
public sealed class RecordingDisplay : IDisplay
{
    private readonly Panel _panel;
    public RecordingDisplay(Panel panel) { _panel = panel; }
    public List<(byte[] Black, byte[]? Red, bool Full)> Frames { get; } = new();
    public int PowerDowns { get; private set; }
    public int Width => _panel.Width;
    public int Height => _panel.Height;
    public bool HasRed => _panel.HasRed;
    public bool SupportsPartialRefresh => !_panel.HasRed;
    public void Show(byte[] blackPlane, byte[]? redPlane, bool fullRefresh) =>
        Frames.Add(((byte[])blackPlane.Clone(), (byte[]?)redPlane?.Clone(), fullRefresh));
    public void PowerDown() => PowerDowns++;

    /// <summary>The last frame as a picture, as the viewer sees the mounted panel.</summary>
    public IPixelImage LastPicture()
    {
        var frame = _panel.CreateFrame();
        var last = Frames[^1];
        Array.Copy(last.Black, frame.BlackPlane, frame.BlackPlane.Length);
        if (last.Red != null && frame.RedPlane != null) Array.Copy(last.Red, frame.RedPlane, frame.RedPlane.Length);
        return new FramePicture(frame);
    }
}

public sealed class FramePicture : IPixelImage
{
    private readonly FrameBuffer _frame;
    public FramePicture(FrameBuffer frame) { _frame = frame; }
    public int Width => _frame.Width;
    public int Height => _frame.Height;
    public int GetPixel(int x, int y) => (int)_frame.GetPixel(x, y);
}

public sealed class FakePower : IPower
{
    public FakePower(Devices.Firmware.Core.Protocol.WakeCause cause = Devices.Firmware.Core.Protocol.WakeCause.Reset) { WakeCause = cause; }
    public Devices.Firmware.Core.Protocol.WakeCause WakeCause { get; }
    public long SleptMs { get; private set; } = -1;
    public void DeepSleep(long durationMs) => SleptMs = durationMs;
}

public sealed class FakeBattery : IBattery
{
    public int Millivolts { get; set; } = 2950;
    public int Percent => 70;
}

public sealed class FakeSignal : ISignal
{
    public bool IsAssociated { get; set; } = true;
    public int Rssi { get; set; } = -61;
    public int RssiDbm => IsAssociated ? Rssi : 0;
}

public sealed class FakeLed : ILed
{
    public List<string> Calls { get; } = new();
    public void Set(bool on) => Calls.Add(on ? "on" : "off");
    public void Flash(int onMs, int offMs, int times) => Calls.Add($"flash {onMs}/{offMs} x{times}");
}

public sealed class ConsoleLines : ISelfTestSink
{
    public List<string> Lines { get; } = new();
    public void WriteLine(string line) => Lines.Add(line);
}

/// <summary>What the gateway would send, built with the Core's codecs and signer.</summary>
public static class GatewaySide
{
    public const uint Now = 1_767_225_600; // 2026-01-01T00:00:00Z

    public static DeviceIdentity Identity(string id)
    {
        var secret = new byte[32];
        for (int i = 0; i < secret.Length; i++) secret[i] = (byte)(id.Length * 7 + i);
        return new DeviceIdentity(id, secret);
    }

    public static byte[] Welcome(uint unixTime, uint desiredVersion, uint wakeSeconds = 0)
    {
        var w = new WelcomeMessage { UnixTime = unixTime, DesiredContentVersion = desiredVersion, WakeIntervalSeconds = wakeSeconds };
        return w.Encode();
    }

    public static TentContent Tent(string template = "https://m.example.com/t?d={device}&c={token}", uint period = 60) => new()
    {
        TableName = "Table 12",
        Headline = "Scan to order",
        LinkTemplate = template,
        RotationSeconds = period,
    };

    public static byte[] SignedTent(DeviceIdentity id, uint version, TentContent content) =>
        ContentSigner.Sign(id.Id, id.ContentKey, version, ContentKind.Tent, TentContentCodec.Encode(content));

    public static LabelContent Label(string name = "Organic apples", long priceMinor = 299) => new()
    {
        Name = name,
        PriceMinor = priceMinor,
        PriceDecimals = 2,
        Currency = "€",
        CurrencyAfter = true,
        DecimalMark = ',',
    };

    public static byte[] SignedLabel(DeviceIdentity id, uint version, LabelContent content) =>
        ContentSigner.Sign(id.Id, id.ContentKey, version, ContentKind.Label, LabelContentCodec.Encode(content));

    public static byte[] Notify(string text, uint seconds = 5, LedPattern led = LedPattern.None, uint ledCount = 0) =>
        new NotifyMessage { Text = text, DisplaySeconds = seconds, Led = led, LedCount = ledCount }.Encode();

    public static AckMessage Ack(FakeMqttLink.Publication p)
    {
        Assert.True(AckMessage.TryDecode(p.Payload, 0, p.Payload.Length, out var ack).Ok);
        return ack;
    }

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}

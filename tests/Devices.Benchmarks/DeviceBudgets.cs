using System;
using System.IO;
using Devices.Firmware.Core.Apps;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Hal;
using Devices.Firmware.Core.Layouts;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.RotatingCodes;
using Devices.Firmware.Core.Security;
using Devices.Simulator.Budgets;
using Devices.Simulator.Hardware;

namespace Devices.Benchmarks;

/// <summary>
/// The device budgets of docs/benchmarks.md (device budgets): bytes on the wire (from the MQTT 3.1.1 encodings; the simulator tests
/// check the same formulas against a byte-counting proxy) and bytes allocated per table-tent rotation and per
/// label render after warm-up. Run: dotnet run -c Release --project tests/Devices.Benchmarks -- budgets
/// </summary>
public static class DeviceBudgets
{
    private const string TentId = "tent-0001";
    private const string LabelId = "label-0001";
    private const uint Now = 1_767_225_600;

    public static void Print(TextWriter o)
    {
        o.WriteLine("# Device budgets (device ids of 9-10 characters; MQTT 3.1.1 without TLS)");
        o.WriteLine();
        PrintScan(o);
        PrintLabelContent(o);
        PrintQuietWake(o);
        PrintRotationAllocations(o);
        PrintLabelRenderAllocations(o);
    }

    private static void PrintScan(TextWriter o)
    {
        var scan = new ScanMessage { Seq = 123_456, UnixTime = Now, AgeMillis = 35, Data = System.Text.Encoding.ASCII.GetBytes("4006381333931ABCDEFG") };
        int payload = scan.EncodedLength();
        int publish = MqttWireBytes.Publish($"dev/{TentId}/scan", payload, 1);
        o.WriteLine($"scan of a 20-character code: payload {payload} B, PUBLISH {publish} B (topic dev/{TentId}/scan), + PUBACK {MqttWireBytes.PubAck} B = {publish + MqttWireBytes.PubAck} B");
    }

    private static void PrintLabelContent(TextWriter o)
    {
        var content = TypicalLabel();
        int payload = LabelContentCodec.Encode(content).Length;
        var identity = Identity(LabelId);
        int envelope = ContentSigner.Sign(LabelId, identity.ContentKey, 42, ContentKind.Label, LabelContentCodec.Encode(content)).Length;
        int publish = MqttWireBytes.Publish($"cmd/{LabelId}/content", envelope, 1);
        o.WriteLine($"2.9\" label content (name, price, unit price, promo, 47-character QR link, no extra glyphs): label payload {payload} B, signed envelope {envelope} B, PUBLISH {publish} B, + PUBACK = {publish + MqttWireBytes.PubAck} B");
        int ack = new AckMessage { ContentVersion = 42, AppliedContentVersion = 42, Result = AckResult.Applied, Detail = "applied" }.EncodedLength();
        int ackPublish = MqttWireBytes.Publish($"dev/{LabelId}/ack", ack, 1);
        o.WriteLine($"  its ack: payload {ack} B, PUBLISH {ackPublish} B, + PUBACK = {ackPublish + MqttWireBytes.PubAck} B");
    }

    private static void PrintQuietWake(TextWriter o)
    {
        var identity = Identity(LabelId);
        var hello = new HelloMessage
        {
            FirmwareVersion = "1.0.0", Kind = DeviceKind.ShelfLabel, AppliedContentVersion = 42, BatteryMillivolts = 2950,
            Rssi = -67, BootCount = 1234, WakeCause = Devices.Firmware.Core.Protocol.WakeCause.Timer,
        };
        var welcome = new WelcomeMessage { UnixTime = Now, DesiredContentVersion = 42, WakeIntervalSeconds = 3600 };
        int connect = MqttWireBytes.Connect(LabelId, LabelId, identity.MqttPassword, $"dev/{LabelId}/state", StateMessage.OfflineWillText.Length);
        int subscribe = MqttWireBytes.Subscribe($"cmd/{LabelId}/+");
        int helloPublish = MqttWireBytes.Publish($"dev/{LabelId}/hello", hello.EncodedLength(), 1);
        int welcomePublish = MqttWireBytes.Publish($"cmd/{LabelId}/welcome", welcome.EncodedLength(), 1);
        int up = connect + subscribe + helloPublish + MqttWireBytes.PubAck + MqttWireBytes.Disconnect;
        int down = MqttWireBytes.ConnAck + MqttWireBytes.SubAck + MqttWireBytes.PubAck + welcomePublish;
        o.WriteLine($"label wake that finds nothing new: sent {up} B (CONNECT {connect}, SUBSCRIBE {subscribe}, hello {helloPublish} [payload {hello.EncodedLength()}], PUBACK 4, DISCONNECT 2), received {down} B (CONNACK 4, SUBACK 5, PUBACK 4, welcome {welcomePublish} [payload {welcome.EncodedLength()}]), total {up + down} B");
    }

    private static void PrintRotationAllocations(TextWriter o)
    {
        var identity = Identity(TentId);
        var clock = new ManualClock(Now, wallTimeKnown: true);
        var link = new SilentLink();
        var storage = new FolderStorage(Directory.CreateTempSubdirectory("budget-").FullName);
        var board = new Board { Panel = Panel.Epd29, Display = new SilentDisplay(), Link = link, Storage = storage, Clock = clock };
        var app = new TableTentApp(identity, board, new TableTentOptions());
        var content = new TentContent { TableName = "Table 12", Headline = "Scan to order", LinkTemplate = "https://m.example.com/t?d={device}&c={token}", RotationSeconds = 60 };
        byte[] envelope = ContentSigner.Sign(TentId, identity.ContentKey, 1, ContentKind.Tent, TentContentCodec.Encode(content));
        app.Step();
        link.Deliver($"cmd/{TentId}/content", envelope);
        app.Step();
        for (int i = 0; i < 20; i++) { clock.Advance(60_000); app.Step(); } // warm-up
        int frames = app.FramesShown;
        const int rounds = 50;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < rounds; i++) { clock.Advance(60_000); app.Step(); }
        long perRotation = (GC.GetAllocatedBytesForCurrentThread() - before) / rounds;
        if (app.FramesShown - frames != rounds) throw new InvalidOperationException("each step should have drawn one rotation");
        long idleBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < rounds; i++) { clock.Advance(100); app.Step(); }
        long perIdleStep = (GC.GetAllocatedBytesForCurrentThread() - idleBefore) / rounds;

        var code = new RotatingCode(TentId, identity.CodeKey, 60);
        var layout = new TableTentLayout(Panel.Epd29);
        var frame = Panel.Epd29.CreateFrame();
        var screen = new TentScreen { TableName = content.TableName, Headline = content.Headline };
        uint counter = code.CounterAt(Now);
        for (int i = 0; i < 20; i++) { screen.Link = code.Link(content.LinkTemplate, counter + (uint)i); layout.Render(screen, frame); }
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < rounds; i++) code.Link(content.LinkTemplate, counter + (uint)i);
        long perToken = (GC.GetAllocatedBytesForCurrentThread() - before) / rounds;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < rounds; i++) layout.Render(screen, frame);
        long perRender = (GC.GetAllocatedBytesForCurrentThread() - before) / rounds;
        o.WriteLine($"table-tent rotation (app Step at a period boundary, 2.9\"): {perRotation} B allocated; of which token + link {perToken} B, QR + layout render {perRender} B; a Step with nothing to redraw {perIdleStep} B");
    }

    private static void PrintLabelRenderAllocations(TextWriter o)
    {
        var layout = new ShelfLabelLayout(Panel.Epd29);
        var frame = Panel.Epd29.CreateFrame();
        var content = TypicalLabel();
        for (int i = 0; i < 20; i++) { layout.Render(content, frame); ShelfLabelApp.FrameHash(frame); }
        const int rounds = 50;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < rounds; i++) layout.Render(content, frame);
        long perRender = (GC.GetAllocatedBytesForCurrentThread() - before) / rounds;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < rounds; i++) ShelfLabelApp.FrameHash(frame);
        long perHash = (GC.GetAllocatedBytesForCurrentThread() - before) / rounds;
        o.WriteLine($"label render (2.9\", typical content with QR, frame reused): {perRender} B allocated; frame hash {perHash} B; the frame itself is {frame.BlackPlane.Length} B, allocated once");
    }

    private static LabelContent TypicalLabel() => new()
    {
        Name = "Organic Gala apples, 1 kg bag",
        PriceMinor = 299,
        PriceDecimals = 2,
        Currency = "€",
        CurrencyAfter = true,
        DecimalMark = ',',
        UnitPrice = "1 kg = 2,99 €",
        Promo = "-20%",
        CodeKind = LabelCodeKind.Qr,
        CodeData = "https://shop.example.com/p/4006381333931?s=12",
        WakeIntervalSeconds = 3600,
    };

    private static DeviceIdentity Identity(string id)
    {
        var secret = new byte[32];
        for (int i = 0; i < secret.Length; i++) secret[i] = (byte)(i * 11 + 5);
        return new DeviceIdentity(id, secret);
    }

    /// <summary>A panel that takes frames and does nothing (the device streams them to the controller over SPI).</summary>
    private sealed class SilentDisplay : IDisplay
    {
        public int Width => 296;
        public int Height => 128;
        public bool HasRed => false;
        public bool SupportsPartialRefresh => true;
        public void Show(byte[] blackPlane, byte[]? redPlane, bool fullRefresh) { }
        public void PowerDown() { }
    }

    /// <summary>A connected link that swallows publishes.</summary>
    private sealed class SilentLink : IMqttLink
    {
        public bool IsConnected { get; private set; }
        public event MqttMessageHandler? MessageReceived;
        public event MqttPublishedHandler? Published { add { } remove { } }
        public event MqttConnectionLostHandler? ConnectionLost { add { } remove { } }
        public int Connect(string clientId, string user, string password, string willTopic, string willMessage, int keepAliveSeconds) { IsConnected = true; return 0; }
        public void Disconnect() => IsConnected = false;
        public void Subscribe(string topicFilter) { }
        public ushort Publish(string topic, byte[] payload, int qos) => 0;
        public void Deliver(string topic, byte[] payload) => MessageReceived?.Invoke(topic, payload);
    }
}

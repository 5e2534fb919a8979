using System.IO;
using System.Text;
using Devices.Firmware.Core.Apps;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.RotatingCodes;
using Devices.Firmware.Core.Tests.Oracles;
using Devices.Simulator.Fleet;
using Devices.Simulator.Hosts;
using Devices.Simulator.Tests.Support;

namespace Devices.Simulator.Tests;

/// <summary>The simulator running the Core apps against real brokers, with a small gateway on the other side.</summary>
public sealed class EndToEndTests : IDisposable
{
    private const string FleetSecret = "end-to-end-test";
    private static readonly FleetDevice Tent = FleetDevice.Derived(FleetSecret, "tent-1", DeviceKind.TableTent);
    private static readonly FleetDevice Tent2 = FleetDevice.Derived(FleetSecret, "tent-2", DeviceKind.TableTent);
    private static readonly FleetDevice Label = FleetDevice.Derived(FleetSecret, "label-1", DeviceKind.ShelfLabel);
    private static readonly (string, string)[] Accounts =
        [(Tent.Id, Tent.Identity.MqttPassword), (Tent2.Id, Tent2.Identity.MqttPassword), (Label.Id, Label.Identity.MqttPassword)];

    private readonly string _folder = Directory.CreateTempSubdirectory("sim-e2e-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private TableTentHost StartTent(Brokers.BrokerUnderTest broker, FleetDevice? device = null) =>
        Started(new TableTentHost((device ?? Tent).Identity, broker.Host, broker.Port, Path.Combine(_folder, (device ?? Tent).Id), Panel.Epd29,
            new TableTentOptions { ReconnectInitialMs = 200, ReconnectMaxMs = 1000 }, writePngs: true));

    private static TableTentHost Started(TableTentHost host) { host.Start(); return host; }

    private static TentContent TentContent(string domain) => new()
    {
        TableName = "Table 4",
        Headline = "Scan to order",
        LinkTemplate = $"https://{domain}/t?d={{device}}&c={{token}}",
        RotationSeconds = 60,
    };

    [Theory]
    [MemberData(nameof(BrokerKinds.All), MemberType = typeof(BrokerKinds))]
    public void Tent_takes_time_from_the_welcome_applies_signed_content_and_refuses_a_replay(string kind)
    {
        using var broker = BrokerKinds.Start(kind, Accounts);
        using var gateway = new TestGateway(broker, [Tent]);
        const uint gatewayTime = 2_000_000_040; // 2033: the PC's own clock would give a different token
        gateway.WelcomeTime = gatewayTime;
        gateway.SetContent(Tent.Id, 1, ContentKind.Tent, TentContentCodec.Encode(TentContent("m.example.com")));
        using var tent = StartTent(broker);

        Poll.Require(() => gateway.Acks.Any(a => a.Ack.ContentVersion == 1), "the ack of content v1");
        var ack = gateway.Acks.Single().Ack;
        Assert.Equal(AckResult.Applied, ack.Result);
        Assert.Equal(1u, ack.AppliedContentVersion);
        var hello = gateway.Hellos.First().Hello;
        Assert.Equal(DeviceKind.TableTent, hello.Kind);
        Assert.Equal(0u, hello.AppliedContentVersion);

        var code = new RotatingCode(Tent.Id, Tent.Identity.CodeKey, 60);
        Poll.Require(() => tent.Read(a => a.Screen.Link) != null, "a code on the screen");
        string link = tent.Read(a => a.Screen.Link)!;
        string[] possible = [code.Link(TentContent("m.example.com").LinkTemplate, code.CounterAt(gatewayTime)),
                             code.Link(TentContent("m.example.com").LinkTemplate, code.CounterAt(gatewayTime) + 1)];
        Assert.Contains(link, possible);
        Poll.Require(() => tent.Display.Last != null && Decoded(tent.Display.Last) == link, "the panel shows the code");

        // The same envelope again is a replay; a forged one is refused; neither changes the screen.
        byte[] replay = gateway.SetContent(Tent.Id, 1, ContentKind.Tent, TentContentCodec.Encode(TentContent("evil.example.com")));
        var forged = (byte[])gateway.SetContent(Tent.Id, 2, ContentKind.Tent, TentContentCodec.Encode(TentContent("m.example.com"))).Clone();
        Poll.Require(() => gateway.Acks.Count == 3, "three acks");
        Assert.Equal([AckResult.Applied, AckResult.Replay, AckResult.Applied], gateway.Acks.Select(a => a.Ack.Result).ToArray());
        forged[^1] ^= 0x40;
        gateway.Push(Tent.Id, forged);
        gateway.Push(Tent.Id, replay);
        Poll.Require(() => gateway.Acks.Count == 5, "five acks");
        Assert.Equal([AckResult.BadSignature, AckResult.Replay], gateway.Acks.Skip(3).Select(a => a.Ack.Result).ToArray());
        Assert.Equal(2u, tent.Read(a => a.AppliedContentVersion));
        Assert.StartsWith("https://m.example.com/", tent.Read(a => a.Screen.Link));
        Assert.Null(tent.Fault);
    }

    [Theory]
    [MemberData(nameof(BrokerKinds.All), MemberType = typeof(BrokerKinds))]
    public void Scans_survive_a_broker_restart_and_arrive_once_in_order(string kind)
    {
        using var broker = BrokerKinds.Start(kind, Accounts);
        using var gateway = new TestGateway(broker, [Tent, Tent2]);
        using var tent1 = StartTent(broker, Tent);
        using var tent2 = StartTent(broker, Tent2);
        TableTentHost[] tents = [tent1, tent2];
        Poll.Require(() => tents.All(t => t.Read(a => a.IsConnected)), "both tents online");

        for (int i = 1; i <= 3; i++) foreach (var t in tents) t.Scanner.Scan($"{t.Id}/BEFORE-{i}");
        Poll.Require(() => gateway.Scans.Length == 6 && tents.All(t => t.Read(a => a.QueuedScans) == 0), "six scans delivered and acknowledged");

        broker.Stop();
        Poll.Require(() => tents.All(t => !t.Read(a => a.IsConnected)), "the tents notice the broker is gone");
        for (int i = 1; i <= 5; i++) foreach (var t in tents) t.Scanner.Scan($"{t.Id}/DURING-{i}");
        Poll.Require(() => tents.All(t => t.Read(a => a.QueuedScans) == 5), "five scans queued in each tent's flash");
        Assert.All(tents, t => Assert.Equal(5, t.Storage.List("scanq.").Length));

        // The gateway must be subscribed again before the tents publish: a broker acknowledges a QoS 1 message
        // nobody subscribes to and drops it (no persistent sessions here). So the tents' Wi-Fi is off meanwhile.
        foreach (var t in tents) t.NetworkAvailable = false;
        broker.Start();
        gateway.Connect();
        foreach (var t in tents) t.NetworkAvailable = true;
        Poll.Require(() => gateway.Scans.Length == 16, () => "all sixteen scans at the gateway; got " + string.Join(", ", gateway.Scans.Select(s => s.Data)) + "; queued " + string.Join(",", tents.Select(t => t.Read(a => a.QueuedScans + "/" + a.IsConnected + "/" + a.LastConnectResult))), 20_000);
        Poll.Require(() => tents.All(t => t.Read(a => a.QueuedScans) == 0), "the flash queues empty");

        foreach (var t in tents)
        {
            var scans = gateway.Scans.Where(s => s.Device == t.Id).ToArray();
            string[] expected = [.. Enumerable.Range(1, 3).Select(i => $"{t.Id}/BEFORE-{i}"), .. Enumerable.Range(1, 5).Select(i => $"{t.Id}/DURING-{i}")];
            Assert.Equal(expected, scans.Select(s => s.Data).ToArray());
            Assert.True(scans.Zip(scans.Skip(1)).All(p => p.Second.Seq > p.First.Seq), $"{t.Id}: sequence numbers increase in arrival order");
            Assert.Null(t.Fault);
        }
        Assert.Equal(0, gateway.DuplicateScans);
    }

    [Theory]
    [MemberData(nameof(BrokerKinds.All), MemberType = typeof(BrokerKinds))]
    public void A_label_sleeps_through_a_content_change_and_picks_it_up_on_its_next_wake(string kind)
    {
        using var broker = BrokerKinds.Start(kind, Accounts);
        using var gateway = new TestGateway(broker, [Label]) { WakeIntervalSeconds = 2 };
        var options = new ShelfLabelOptions { MinWakeSeconds = 1, DefaultWakeSeconds = 2, ConnectBudgetMs = 3000, RetryInitialSeconds = 1 };
        var apples = new LabelContent { Name = "Apples", PriceMinor = 299, Currency = "€", CurrencyAfter = true, DecimalMark = ',' };
        gateway.SetContent(Label.Id, 1, ContentKind.Label, LabelContentCodec.Encode(apples));
        using var label = new ShelfLabelHost(Label.Identity, broker.Host, broker.Port, Path.Combine(_folder, Label.Id), Panel.Epd29, options, writePngs: true);
        label.Start();

        Poll.Require(() => gateway.Acks.Any(a => a.Ack.AppliedContentVersion == 1), "content v1 applied", 10_000);
        Poll.Require(() => label.Wakes >= 1 && !label.IsAwake, "the label asleep");
        Assert.Equal(1, label.Display.ShownCount);
        Assert.Equal(2000, label.LastSleepMs);

        // Changed while the label sleeps: the push reaches nobody (clean session), the next hello fixes it.
        int hellosBefore = gateway.Hellos.Count;
        var cheaper = new LabelContent { Name = "Apples", PriceMinor = 249, Currency = "€", CurrencyAfter = true, DecimalMark = ',' };
        gateway.SetContent(Label.Id, 2, ContentKind.Label, LabelContentCodec.Encode(cheaper));
        Poll.Require(() => gateway.Acks.Any(a => a.Ack.AppliedContentVersion == 2), "content v2 applied on a later wake", 10_000);
        var helloAfter = gateway.Hellos.Skip(hellosBefore).First().Hello;
        Assert.Equal(1u, helloAfter.AppliedContentVersion);
        Assert.Equal(WakeCause.Timer, helloAfter.WakeCause);
        Poll.Require(() => label.Display.ShownCount == 2, "the new price drawn");
        Assert.NotEqual(label.Display.Frames[0].BlackPlane, label.Display.Frames[1].BlackPlane);
        Assert.True(File.Exists(Path.Combine(_folder, Label.Id, "frames", "label-1-0001.png")));

        // Wakes with nothing new do not touch the panel.
        int wakes = label.Wakes;
        Poll.Require(() => label.Wakes >= wakes + 1, "one more wake", 10_000);
        Assert.Equal(2, label.Display.ShownCount);
        Assert.All(gateway.Acks, a => Assert.Equal(AckResult.Applied, a.Ack.Result));
        Assert.Null(label.Fault);
    }

    [Theory]
    [MemberData(nameof(BrokerKinds.All), MemberType = typeof(BrokerKinds))]
    public void A_tent_that_loses_power_is_reported_offline_by_its_will(string kind)
    {
        using var broker = BrokerKinds.Start(kind, Accounts);
        using var gateway = new TestGateway(broker, [Tent]);
        using var tent = StartTent(broker);
        Poll.Require(() => gateway.States.Any(s => s.State.Status == DeviceStatus.Online), "the online state");
        tent.Stop(); // power cut: no DISCONNECT
        Poll.Require(() => gateway.States.Any(s => s.Device == Tent.Id && s.State.Status == DeviceStatus.Offline), "the offline will", 10_000);
    }

    private static string? Decoded(Devices.Imaging.IPixelImage picture)
    {
        byte[]? bytes = Decoders.ZBar(Decoders.WritePng(picture));
        return bytes == null ? null : Encoding.UTF8.GetString(bytes);
    }
}

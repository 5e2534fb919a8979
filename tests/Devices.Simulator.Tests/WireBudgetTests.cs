using System.IO;
using Devices.Firmware.Core.Apps;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Protocol;
using Devices.Simulator.Budgets;
using Devices.Simulator.Fleet;
using Devices.Simulator.Hosts;
using Devices.Simulator.Tests.Support;

namespace Devices.Simulator.Tests;

/// <summary>The byte budgets of docs/benchmarks.md (device budgets), measured on a real TCP connection through a counting proxy.</summary>
public sealed class WireBudgetTests : IDisposable
{
    private static readonly FleetDevice Label = FleetDevice.Derived("budget-test", "label-1", DeviceKind.ShelfLabel);
    private readonly string _folder = Directory.CreateTempSubdirectory("sim-budget-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    [Theory]
    [MemberData(nameof(BrokerKinds.All), MemberType = typeof(BrokerKinds))]
    public void A_label_wake_that_finds_nothing_new_costs_what_the_encodings_say(string kind)
    {
        using var broker = BrokerKinds.Start(kind, [(Label.Id, Label.Identity.MqttPassword)]);
        const uint gatewayTime = 1_767_225_600;
        using var gateway = new TestGateway(broker, [Label]) { WelcomeTime = gatewayTime, WakeIntervalSeconds = 1 };
        gateway.SetContent(Label.Id, 1, ContentKind.Label, LabelContentCodec.Encode(new LabelContent { Name = "Tea", PriceMinor = 150, Currency = "€" }));
        using var proxy = new CountingProxy(broker.Host, broker.Port);
        var options = new ShelfLabelOptions { MinWakeSeconds = 1, DefaultWakeSeconds = 1, FirmwareVersion = "1.0.0" };
        using var label = new ShelfLabelHost(Label.Identity, broker.Host, proxy.Port, Path.Combine(_folder, "label"), Panel.Epd29, options);
        label.Start();
        Poll.Require(() => label.Wakes >= 2 && proxy.Connections.Count >= 2 && proxy.Connections.ElementAt(1).Closed, "a second wake finished", 15_000);
        label.Stop();
        var second = proxy.Connections.ElementAt(1);

        var hello = gateway.Hellos.Select(h => h.Hello).ElementAt(1);
        Assert.Equal(1u, hello.AppliedContentVersion);
        int welcomeBytes = new WelcomeMessage { UnixTime = gatewayTime, DesiredContentVersion = 1, WakeIntervalSeconds = 1 }.EncodedLength();
        int up = MqttWireBytes.Connect(Label.Id, Label.Id, Label.Identity.MqttPassword, $"dev/{Label.Id}/state", StateMessage.OfflineWillText.Length)
            + MqttWireBytes.Subscribe($"cmd/{Label.Id}/+")
            + MqttWireBytes.Publish($"dev/{Label.Id}/hello", hello.EncodedLength(), 1)
            + MqttWireBytes.PubAck // for the welcome
            + MqttWireBytes.Disconnect;
        int down = MqttWireBytes.ConnAck + MqttWireBytes.SubAck + MqttWireBytes.PubAck
            + MqttWireBytes.Publish($"cmd/{Label.Id}/welcome", welcomeBytes, 1);
        Assert.Equal(up, second.Up);
        Assert.Equal(down, second.Down);
    }
}

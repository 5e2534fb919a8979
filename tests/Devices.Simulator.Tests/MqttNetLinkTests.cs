using System.Collections.Concurrent;
using System.Text;
using Devices.Simulator.Mqtt;
using Devices.Simulator.Tests.Brokers;
using Devices.Simulator.Tests.Support;

namespace Devices.Simulator.Tests;

public class MqttNetLinkTests
{
    private static readonly (string, string)[] Accounts = [("tent-a", "pw-a"), ("tent-b", "pw-b")];

    [Theory]
    [MemberData(nameof(BrokerKinds.All), MemberType = typeof(BrokerKinds))]
    public void Connect_reports_the_connack_code(string kind)
    {
        using var broker = BrokerKinds.Start(kind, Accounts);
        using var link = new MqttNetLink(broker.Host, broker.Port);
        Assert.Equal(0, link.Connect("tent-a", "tent-a", "pw-a", "dev/tent-a/state", "offline", 30));
        Assert.True(link.IsConnected);
        link.Disconnect();
        Assert.False(link.IsConnected);

        int refused = link.Connect("tent-a", "tent-a", "wrong", "", "", 30);
        Assert.True(refused == 4 || refused == 5, $"bad password gave CONNACK {refused}, expected 4 or 5");
        Assert.False(link.IsConnected);

        using var nowhere = new MqttNetLink("127.0.0.1", Devices.TestSupport.FreePort.Next(), TimeSpan.FromSeconds(2));
        Assert.Equal(MqttNetLink.Unreachable, nowhere.Connect("tent-a", "tent-a", "pw-a", "", "", 30));
    }

    [Theory]
    [MemberData(nameof(BrokerKinds.All), MemberType = typeof(BrokerKinds))]
    public void Qos1_publish_reports_its_puback_and_arrives(string kind)
    {
        using var broker = BrokerKinds.Start(kind, Accounts);
        using var gateway = ConnectGateway(broker, out var received);
        using var device = new MqttNetLink(broker.Host, broker.Port);
        var acked = new ConcurrentQueue<ushort>();
        device.Published += id => acked.Enqueue(id);
        Assert.Equal(0, device.Connect("tent-a", "tent-a", "pw-a", "dev/tent-a/state", "offline", 30));

        ushort first = device.Publish("dev/tent-a/scan", Encoding.UTF8.GetBytes("one"), 1);
        ushort second = device.Publish("dev/tent-a/scan", Encoding.UTF8.GetBytes("two"), 1);
        Assert.NotEqual(0, first);
        Assert.NotEqual(first, second);
        Poll.Require(() => acked.Count == 2, "two PUBACKs");
        Assert.Equal(new[] { first, second }.Order(), acked.Order());
        Poll.Require(() => received.Count == 2, "two messages at the gateway");
        Assert.Equal(["dev/tent-a/scan one", "dev/tent-a/scan two"], received.ToArray());
        Assert.Equal(0, device.Publish("dev/tent-a/state", [1], 0));
    }

    [Theory]
    [MemberData(nameof(BrokerKinds.All), MemberType = typeof(BrokerKinds))]
    public void A_device_cannot_publish_or_subscribe_under_another_device(string kind)
    {
        using var broker = BrokerKinds.Start(kind, Accounts);
        using var gateway = ConnectGateway(broker, out var atGateway);
        using var deviceA = new MqttNetLink(broker.Host, broker.Port);
        var atA = new ConcurrentQueue<string>();
        deviceA.MessageReceived += (topic, payload) => atA.Enqueue($"{topic} {Encoding.UTF8.GetString(payload)}");
        Assert.Equal(0, deviceA.Connect("tent-a", "tent-a", "pw-a", "", "", 30));
        deviceA.Subscribe("cmd/tent-b/+");
        deviceA.Subscribe("cmd/tent-a/+");

        deviceA.Publish("dev/tent-b/scan", Encoding.UTF8.GetBytes("forged"), 1);
        deviceA.Publish("dev/tent-a/scan", Encoding.UTF8.GetBytes("own"), 1);
        gateway.Publish("cmd/tent-b/notify", Encoding.UTF8.GetBytes("for b"), 1);
        gateway.Publish("cmd/tent-a/notify", Encoding.UTF8.GetBytes("for a"), 1);

        // The messages that are allowed were sent after the forbidden ones, on the same connections.
        Poll.Require(() => atGateway.Contains("dev/tent-a/scan own"), "the allowed uplink");
        Poll.Require(() => atA.Contains("cmd/tent-a/notify for a"), "the allowed downlink");
        Assert.DoesNotContain("dev/tent-b/scan forged", atGateway);
        Assert.DoesNotContain("cmd/tent-b/notify for b", atA);
        // Mosquitto 2.0 grants the SUBACK and checks read access per message; MQTTnet's interceptor refuses it.
        if (kind == "mqttnet") Assert.Equal(1, deviceA.SubscriptionsRefused);
    }

    [Theory]
    [MemberData(nameof(BrokerKinds.All), MemberType = typeof(BrokerKinds))]
    public void Connection_lost_is_raised_once_and_the_app_reconnects(string kind)
    {
        using var broker = BrokerKinds.Start(kind, Accounts);
        using var device = new MqttNetLink(broker.Host, broker.Port, TimeSpan.FromSeconds(2));
        int lost = 0;
        device.ConnectionLost += () => Interlocked.Increment(ref lost);
        Assert.Equal(0, device.Connect("tent-a", "tent-a", "pw-a", "", "", 30));

        broker.Stop();
        Poll.Require(() => lost == 1, "ConnectionLost after the broker stopped");
        Assert.False(device.IsConnected);
        Assert.Equal(MqttNetLink.Unreachable, device.Connect("tent-a", "tent-a", "pw-a", "", "", 30));

        broker.Start();
        Assert.Equal(0, device.Connect("tent-a", "tent-a", "pw-a", "", "", 30));
        Assert.True(device.IsConnected);
        Thread.Sleep(50);
        Assert.Equal(1, lost);
    }

    private static MqttNetLink ConnectGateway(BrokerUnderTest broker, out ConcurrentQueue<string> received)
    {
        var gateway = new MqttNetLink(broker.Host, broker.Port);
        var queue = new ConcurrentQueue<string>();
        gateway.MessageReceived += (topic, payload) => queue.Enqueue($"{topic} {Encoding.UTF8.GetString(payload)}");
        Assert.Equal(0, gateway.Connect("gateway", BrokerUnderTest.GatewayUser, BrokerUnderTest.GatewayPassword, "", "", 30));
        gateway.Subscribe("dev/+/+");
        received = queue;
        return gateway;
    }
}

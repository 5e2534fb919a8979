using System.Collections.Concurrent;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Security;
using Devices.Simulator.Fleet;
using Devices.Simulator.Mqtt;
using Devices.Simulator.Tests.Brokers;

namespace Devices.Simulator.Tests.Support;

/// <summary>
/// The gateway's device-facing half, small: answers hello with welcome (time, desired version, wake interval),
/// (re)sends signed content whenever a device reports an older applied version, and records scans (dedup by
/// device and seq), acks, hellos and self-test reports. Uses the Core's codecs and signer, like the real one.
/// </summary>
public sealed class TestGateway : IDisposable
{
    private readonly BrokerUnderTest _broker;
    private readonly Dictionary<string, DeviceIdentity> _devices = new();
    private readonly ConcurrentDictionary<string, (uint Version, byte[] Envelope)> _desired = new();
    private readonly object _gate = new();
    private readonly List<(string Device, uint Seq, string Data)> _scans = new();
    private readonly HashSet<(string, uint)> _seen = new();
    private MqttNetLink? _link;

    public TestGateway(BrokerUnderTest broker, IEnumerable<FleetDevice> devices)
    {
        _broker = broker;
        foreach (var d in devices) _devices[d.Id] = d.Identity;
        Connect();
    }

    /// <summary>The time the welcome gives; null = this PC's clock.</summary>
    public uint? WelcomeTime { get; set; }
    public uint WakeIntervalSeconds { get; set; }

    public ConcurrentQueue<(string Device, HelloMessage Hello)> Hellos { get; } = new();
    public ConcurrentQueue<(string Device, AckMessage Ack)> Acks { get; } = new();
    public ConcurrentQueue<(string Device, SelfTestReport Report)> SelfTests { get; } = new();
    public ConcurrentQueue<(string Device, StateMessage State)> States { get; } = new();
    public int DuplicateScans;

    /// <summary>Scans in arrival order, each (device, seq) once.</summary>
    public (string Device, uint Seq, string Data)[] Scans { get { lock (_gate) return _scans.ToArray(); } }

    /// <summary>Connects (again, e.g. after a broker restart) and subscribes to every device's uplinks.</summary>
    public void Connect()
    {
        _link?.Dispose();
        var link = new MqttNetLink(_broker.Host, _broker.Port);
        link.MessageReceived += OnMessage;
        int result = link.Connect("test-gateway", BrokerUnderTest.GatewayUser, BrokerUnderTest.GatewayPassword, "", "", 30);
        if (result != 0) throw new InvalidOperationException($"The test gateway could not connect to {_broker}: CONNACK {result}.");
        link.Subscribe(Topics.AllUplinks);
        _link = link;
    }

    /// <summary>Sets the device's desired content and pushes it now (a sleeping device gets it on its next hello).</summary>
    public byte[] SetContent(string deviceId, uint version, ContentKind kind, byte[] payload)
    {
        var id = _devices[deviceId];
        byte[] envelope = ContentSigner.Sign(deviceId, id.ContentKey, version, kind, payload);
        _desired[deviceId] = (version, envelope);
        Push(deviceId, envelope);
        return envelope;
    }

    /// <summary>Publishes raw bytes on the device's content topic (replays, forgeries).</summary>
    public void Push(string deviceId, byte[] envelope) => _link!.Publish(Topics.Build(TopicKind.Content, deviceId), envelope, 1);

    public void Notify(string deviceId, NotifyMessage message) => _link!.Publish(Topics.Build(TopicKind.Notify, deviceId), message.Encode(), 1);

    public void Dispose() => _link?.Dispose();

    private void OnMessage(string topic, byte[] payload)
    {
        if (!Topics.TryParse(topic, out var kind, out var deviceId)) return;
        switch (kind)
        {
            case TopicKind.Hello when HelloMessage.TryDecode(payload, 0, payload.Length, out var hello).Ok:
                Hellos.Enqueue((deviceId, hello));
                uint desired = _desired.TryGetValue(deviceId, out var d) ? d.Version : 0;
                var welcome = new WelcomeMessage
                {
                    UnixTime = WelcomeTime ?? (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    DesiredContentVersion = desired,
                    WakeIntervalSeconds = WakeIntervalSeconds,
                };
                _link?.Publish(Topics.Build(TopicKind.Welcome, deviceId), welcome.Encode(), 1);
                if (desired != 0 && desired != hello.AppliedContentVersion) Push(deviceId, d.Envelope);
                break;
            case TopicKind.Scan when ScanMessage.TryDecode(payload, 0, payload.Length, out var scan).Ok:
                lock (_gate)
                {
                    if (_seen.Add((deviceId, scan.Seq))) _scans.Add((deviceId, scan.Seq, System.Text.Encoding.UTF8.GetString(scan.Data)));
                    else DuplicateScans++;
                }
                break;
            case TopicKind.Ack when AckMessage.TryDecode(payload, 0, payload.Length, out var ack).Ok:
                Acks.Enqueue((deviceId, ack));
                break;
            case TopicKind.State when StateMessage.TryDecode(payload, 0, payload.Length, out var state).Ok:
                States.Enqueue((deviceId, state));
                break;
            case TopicKind.SelfTest when SelfTestReport.TryDecode(payload, 0, payload.Length, out var report).Ok:
                SelfTests.Enqueue((deviceId, report));
                break;
        }
    }
}

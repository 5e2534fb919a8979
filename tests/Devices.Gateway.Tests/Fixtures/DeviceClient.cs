using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Devices.Gateway.Tests.Fixtures;

/// <summary>
/// A device as the broker sees it, made of a plain MQTTnet client: logs in as the device, sets the offline will,
/// subscribes to its downlinks and collects them. MQTT 5 by default so refusals carry reason codes.
/// </summary>
public sealed class DeviceClient : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public DeviceClient(string deviceId) => DeviceId = deviceId;

    public string DeviceId { get; }
    public IMqttClient Client => _client;
    public ConcurrentQueue<(string Topic, byte[] Payload)> Received { get; } = new();

    public static async Task<DeviceClient> ConnectAsync(int port, string deviceId, string password, bool subscribe = true,
        MqttProtocolVersion version = MqttProtocolVersion.V500, string? clientId = null)
    {
        var device = new DeviceClient(deviceId);
        var result = await device.TryConnectAsync(port, password, version, clientId);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
            throw new InvalidOperationException($"{deviceId} could not connect: {result.ResultCode}");
        if (subscribe)
        {
            var sub = await device.SubscribeAsync(Topics.DownlinkFilter(deviceId));
            if (sub != MqttClientSubscribeResultCode.GrantedQoS1) throw new InvalidOperationException($"{deviceId} could not subscribe: {sub}");
        }
        return device;
    }

    public async Task<MqttClientConnectResult> TryConnectAsync(int port, string password, MqttProtocolVersion version = MqttProtocolVersion.V500, string? clientId = null)
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Received.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId ?? DeviceId)
            .WithCredentials(DeviceId, password)
            .WithCleanSession(true)
            .WithProtocolVersion(version)
            .WithWillTopic($"dev/{DeviceId}/state")
            .WithWillPayload(StateMessage.EncodeOffline())
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build();
        // MQTTnet 5 returns a refused CONNACK instead of throwing.
        return await _client.ConnectAsync(options, CancellationToken.None);
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter)
    {
        var result = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS()).Build());
        return result.Items.Count == 0 ? MqttClientSubscribeResultCode.UnspecifiedError : result.Items.First().ResultCode;
    }

    /// <summary>QoS 1 publish; returns when the broker's PUBACK arrived.</summary>
    public Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    public Task<MqttClientPublishResult> PublishAsync(TopicKind kind, byte[] payload) => PublishAsync(Topics.Build(kind, DeviceId), payload);

    public Task<MqttClientPublishResult> ScanAsync(uint seq, string data) =>
        PublishAsync(TopicKind.Scan, new ScanMessage { Seq = seq, UnixTime = 1767225600, AgeMillis = 5, Data = System.Text.Encoding.UTF8.GetBytes(data) }.Encode());

    public Task<MqttClientPublishResult> HelloAsync(uint applied) =>
        PublishAsync(TopicKind.Hello, new HelloMessage { FirmwareVersion = "1.2.3", Kind = DeviceKind.TableTent, AppliedContentVersion = applied, BatteryMillivolts = 0, Rssi = -60, BootCount = 4, WakeCause = WakeCause.PowerOn }.Encode());

    public Task<MqttClientPublishResult> AckAsync(uint contentVersion, AckResult result, uint applied, string detail = "") =>
        PublishAsync(TopicKind.Ack, new AckMessage { ContentVersion = contentVersion, Result = result, AppliedContentVersion = applied, Detail = detail }.Encode());

    /// <summary>Waits for the next downlink of this kind (earlier ones of other kinds are skipped and kept).</summary>
    public async Task<byte[]> NextAsync(TopicKind kind, int timeoutMs = 5000)
    {
        string topic = Topics.Build(kind, DeviceId);
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            int n = Received.Count;
            for (int i = 0; i < n && Received.TryDequeue(out var m); i++)
            {
                if (m.Topic == topic) return m.Payload;
                Received.Enqueue(m);
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"{DeviceId}: no {topic} within {timeoutMs} ms.");
    }

    public int Count(TopicKind kind)
    {
        string topic = Topics.Build(kind, DeviceId);
        return Received.Count(m => m.Topic == topic);
    }

    public async ValueTask DisposeAsync()
    {
        try { if (_client.IsConnected) await _client.DisconnectAsync(); } catch (Exception) { }
        _client.Dispose();
    }
}

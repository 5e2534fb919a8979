using System;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Devices.Gateway.Load;

/// <summary>
/// The consumer side of the raw pass-through: one MQTTnet client subscribed to every device's scans at QoS 1,
/// acknowledging each message and counting it, as a service reading scans off a plain broker would.
/// </summary>
public sealed class RawSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private long _received;

    private RawSubscriber(IMqttClient client) => _client = client;

    public long Received => Interlocked.Read(ref _received);

    public static async Task<RawSubscriber> ConnectAsync(int port, string topicFilter)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var subscriber = new RawSubscriber(client);
        client.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref subscriber._received);
            return Task.CompletedTask; // QoS 1: the client sends the PUBACK once this returns
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("raw-subscriber")
            .WithCleanSession(true)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .Build());
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return subscriber;
    }

    /// <summary>Waits until <paramref name="count"/> messages have arrived in all; false if the limit passed first.</summary>
    public async Task<bool> WaitForAsync(long count, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Received < count)
        {
            if (clock.Elapsed > limit) return false;
            await Task.Delay(20);
        }
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        try { await _client.DisconnectAsync(); } catch (Exception) { }
        _client.Dispose();
    }
}

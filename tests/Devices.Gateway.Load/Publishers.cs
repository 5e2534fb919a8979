using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Devices.Gateway.Load;

/// <summary>One MQTT connection per simulated device, publishing QoS 1 and counting PUBACKs.</summary>
public static class Publishers
{
    public sealed record Account(string User, string Password);

    public static async Task<IMqttClient?> TryConnectAsync(int port, Account account)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(account.User)
            .WithCredentials(account.User, account.Password)
            .WithCleanSession(true)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .Build();
        try
        {
            var result = await client.ConnectAsync(options, CancellationToken.None);
            if (result.ResultCode == MqttClientConnectResultCode.Success) return client;
        }
        catch (Exception) { }
        client.Dispose();
        return null;
    }

    /// <summary>Connects all accounts, 200 at a time; throws if any is refused (the throughput runs need all).</summary>
    public static async Task<List<IMqttClient>> ConnectAllAsync(int port, IReadOnlyList<Account> accounts)
    {
        var clients = new List<IMqttClient>();
        foreach (var batch in accounts.Chunk(200))
        {
            var made = await Task.WhenAll(batch.Select(a => TryConnectAsync(port, a)));
            for (int i = 0; i < made.Length; i++)
                clients.Add(made[i] ?? throw new InvalidOperationException($"{batch[i].User} could not connect to port {port}."));
        }
        return clients;
    }

    public static MqttApplicationMessage Message(string topic, byte[] payload) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    /// <summary>
    /// Every client keeps <paramref name="inFlight"/> QoS 1 publishes outstanding until the time is up.
    /// <paramref name="next"/> makes message number n of client c. Returns PUBACKed messages and failures.
    /// </summary>
    public static async Task<(long Acked, long Failed, TimeSpan Elapsed)> RunAsync(
        IReadOnlyList<IMqttClient> clients, int inFlight, TimeSpan duration, Func<int, long, MqttApplicationMessage> next)
    {
        long acked = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        var counters = new long[clients.Count];
        await Task.WhenAll(Enumerable.Range(0, clients.Count).SelectMany(c => Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                long n = Interlocked.Increment(ref counters[c]);
                try
                {
                    var r = await clients[c].PublishAsync(next(c, n));
                    if (r.IsSuccess) Interlocked.Increment(ref acked); else Interlocked.Increment(ref failed);
                }
                catch (Exception) { Interlocked.Increment(ref failed); }
            }
        }))));
        clock.Stop();
        return (acked, failed, clock.Elapsed);
    }

    public static async Task DisconnectAllAsync(IEnumerable<IMqttClient> clients)
    {
        foreach (var batch in clients.Chunk(500))
            await Task.WhenAll(batch.Select(async c =>
            {
                try { if (c.IsConnected) await c.DisconnectAsync(); } catch (Exception) { }
                c.Dispose();
            }));
    }
}

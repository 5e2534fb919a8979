using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Devices.Simulator.Tests.Brokers;

/// <summary>
/// MQTTnet 5's broker in this process, with the same rules as the Mosquitto fixture: per-device credentials
/// checked at CONNECT, publishes and subscriptions outside a device's own prefixes refused. Stop/Start keep the
/// port (sessions are lost, as with a restarted gateway).
/// </summary>
public sealed class EmbeddedBroker : BrokerUnderTest
{
    private readonly Dictionary<string, string> _passwords = new();
    private readonly ConcurrentDictionary<string, string> _userByClient = new();
    private MqttServer? _server;

    public EmbeddedBroker(IEnumerable<(string User, string Password)> accounts)
    {
        _passwords[GatewayUser] = GatewayPassword;
        foreach (var (user, password) in accounts) _passwords[user] = password;
        Port = Devices.TestSupport.FreePort.Next();
        Start();
    }

    public override string Name => "mqttnet";

    /// <summary>Publishes refused by the ACL (the client still gets its PUBACK, as from Mosquitto).</summary>
    public int RefusedPublishes;

    /// <summary>Counts every PUBLISH the broker received, with topic and payload length (for byte budgets).</summary>
    public event Action<string, string, int>? PublishReceived;

    public override void Start()
    {
        if (_server != null) return;
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(System.Net.IPAddress.Loopback)
            .WithDefaultEndpointPort(Port)
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(options);
        server.ValidatingConnectionAsync += e =>
        {
            if (e.UserName == null || !_passwords.TryGetValue(e.UserName, out string? expected) || expected != e.Password)
            {
                e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            }
            else
            {
                _userByClient[e.ClientId] = e.UserName;
            }
            return Task.CompletedTask;
        };
        server.InterceptingPublishAsync += e =>
        {
            string user = _userByClient.TryGetValue(e.ClientId, out string? u) ? u : "";
            string topic = e.ApplicationMessage.Topic;
            PublishReceived?.Invoke(user, topic, (int)e.ApplicationMessage.Payload.Length);
            // Messages the broker itself sends (the will of a lost client arrives with the client's id) pass too.
            if (!MayPublish(user, topic))
            {
                e.ProcessPublish = false;
                System.Threading.Interlocked.Increment(ref RefusedPublishes);
            }
            return Task.CompletedTask;
        };
        server.InterceptingSubscriptionAsync += e =>
        {
            string user = _userByClient.TryGetValue(e.ClientId, out string? u) ? u : "";
            if (!MaySubscribe(user, e.TopicFilter.Topic))
            {
                e.ProcessSubscription = false;
                e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            }
            return Task.CompletedTask;
        };
        server.StartAsync().GetAwaiter().GetResult();
        _server = server;
    }

    public override void Stop()
    {
        var server = _server;
        _server = null;
        if (server == null) return;
        server.StopAsync().GetAwaiter().GetResult();
        server.Dispose();
    }

    public override void Dispose() => Stop();
}

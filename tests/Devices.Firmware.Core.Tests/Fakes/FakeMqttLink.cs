using System;
using System.Collections.Generic;
using Devices.Firmware.Core.Hal;

namespace Devices.Firmware.Core.Tests.Fakes;

/// <summary>An MQTT link the test drives: it records publishes and raises PUBACKs, messages and connection loss on request.</summary>
public sealed class FakeMqttLink : IMqttLink
{
    public sealed record Publication(string Topic, byte[] Payload, int Qos, ushort MessageId);

    private ushort _lastId;

    public bool IsConnected { get; private set; }

    /// <summary>CONNACK code the next Connect returns (0 = accepted, -1 = unreachable).</summary>
    public int ConnectResult { get; set; }

    public string? ClientId { get; private set; }
    public string? User { get; private set; }
    public string? Password { get; private set; }
    public string? WillTopic { get; private set; }
    public string? WillMessage { get; private set; }

    public List<Publication> Publications { get; } = new();
    public List<string> Subscriptions { get; } = new();

    public event MqttMessageHandler? MessageReceived;
    public event MqttPublishedHandler? Published;
    public event MqttConnectionLostHandler? ConnectionLost;

    public int Connect(string clientId, string user, string password, string willTopic, string willMessage, int keepAliveSeconds)
    {
        ClientId = clientId;
        User = user;
        Password = password;
        WillTopic = willTopic;
        WillMessage = willMessage;
        IsConnected = ConnectResult == 0;
        return ConnectResult;
    }

    public void Disconnect() => IsConnected = false;

    public void Subscribe(string topicFilter)
    {
        RequireConnected();
        Subscriptions.Add(topicFilter);
    }

    public ushort Publish(string topic, byte[] payload, int qos)
    {
        RequireConnected();
        if (qos is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(qos), "QoS 0 or 1 only");
        ushort id = 0;
        if (qos == 1)
        {
            _lastId = (ushort)(_lastId == ushort.MaxValue ? 1 : _lastId + 1); // MQTT ids are 1..65535
            id = _lastId;
        }
        Publications.Add(new Publication(topic, (byte[])payload.Clone(), qos, id));
        return id;
    }

    /// <summary>The broker acknowledges a publish.</summary>
    public void Acknowledge(ushort messageId) => Published?.Invoke(messageId);

    /// <summary>A message arrives from the broker.</summary>
    public void Deliver(string topic, byte[] payload) => MessageReceived?.Invoke(topic, payload);

    /// <summary>The connection breaks.</summary>
    public void Drop()
    {
        IsConnected = false;
        ConnectionLost?.Invoke();
    }

    private void RequireConnected()
    {
        if (!IsConnected) throw new InvalidOperationException("not connected");
    }
}

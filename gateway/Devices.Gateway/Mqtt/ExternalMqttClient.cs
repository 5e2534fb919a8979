using System;
using MQTTnet;

namespace Devices.Gateway.Mqtt;

/// <summary>The gateway's one MQTTnet client to an external broker; <see cref="ExternalBroker"/> keeps it connected.</summary>
public sealed class ExternalMqttClient : IDisposable
{
    public IMqttClient Client { get; } = new MqttClientFactory().CreateMqttClient();

    public void Dispose() => Client.Dispose();
}

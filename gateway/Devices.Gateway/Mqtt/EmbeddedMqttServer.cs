using System;
using MQTTnet.Server;

namespace Devices.Gateway.Mqtt;

/// <summary>
/// Holds the embedded MQTTnet server once <see cref="EmbeddedBroker"/> has started it, so the downlink can
/// publish into it without depending on the broker's uplink handling.
/// </summary>
public sealed class EmbeddedMqttServer
{
    private MqttServer? _server;

    public MqttServer Server => _server ?? throw new InvalidOperationException("The embedded MQTT broker is not running.");

    public bool IsRunning => _server?.IsStarted == true;

    internal void Set(MqttServer? server) => _server = server;
}

using System;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Mqtt;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Devices.Gateway.Downlink;

/// <summary>Downlinks through the embedded broker: injected as if published by the gateway, delivered at QoS 1.</summary>
public sealed class EmbeddedDownlink(EmbeddedMqttServer server) : IDownlink
{
    public Task PublishAsync(string deviceId, TopicKind kind, byte[] payload, CancellationToken cancellationToken)
    {
        if (Topics.IsUplink(kind)) throw new ArgumentException($"{kind} is an uplink kind; a downlink goes to cmd/{{id}}/welcome, content or notify.");
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(Topics.Build(kind, deviceId))
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        return server.Server.InjectApplicationMessage(
            new InjectedMqttApplicationMessage(message) { SenderClientId = EmbeddedBroker.GatewaySenderId },
            cancellationToken);
    }
}

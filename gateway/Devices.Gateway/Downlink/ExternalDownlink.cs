using System;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Mqtt;
using MQTTnet;
using MQTTnet.Protocol;

namespace Devices.Gateway.Downlink;

/// <summary>Downlinks through the external broker: published by the gateway's client at QoS 1 (returns after the broker's PUBACK).</summary>
public sealed class ExternalDownlink(ExternalMqttClient holder) : IDownlink
{
    public async Task PublishAsync(string deviceId, TopicKind kind, byte[] payload, CancellationToken cancellationToken)
    {
        if (Topics.IsUplink(kind)) throw new ArgumentException($"{kind} is an uplink kind; a downlink goes to cmd/{{id}}/welcome, content or notify.");
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(Topics.Build(kind, deviceId))
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var client = holder.Client;
        if (!client.IsConnected) throw new InvalidOperationException("The gateway is not connected to the external broker.");
        var result = await client.PublishAsync(message, cancellationToken);
        if (!result.IsSuccess) throw new InvalidOperationException($"The external broker refused {message.Topic}: {result.ReasonCode}.");
    }
}

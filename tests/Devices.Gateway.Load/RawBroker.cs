using System.Net;
using System.Threading.Tasks;
using MQTTnet.Server;

namespace Devices.Gateway.Load;

/// <summary>The reference: a bare MQTTnet 5 server on 127.0.0.1 (anonymous, no storage, no interceptors).</summary>
public static class RawBroker
{
    public static async Task<MqttServer> StartAsync(int port)
    {
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .WithConnectionBacklog(4000)
            // The subscriber's queue must not drop messages when it falls behind (MQTTnet's default keeps 250):
            // a pass-through that loses messages would look faster than it is.
            .WithMaxPendingMessagesPerClient(int.MaxValue)
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(options);
        await server.StartAsync();
        return server;
    }
}

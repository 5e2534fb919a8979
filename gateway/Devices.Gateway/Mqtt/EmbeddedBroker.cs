using System;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Devices.Gateway.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Devices.Gateway.Mqtt;

/// <summary>
/// The embedded MQTTnet 5 broker (Mqtt:Mode = Embedded): per-device logins, topic ACL with MQTT reason codes, and
/// device uplinks consumed inside the publish interceptor. MQTTnet sends the PUBACK only after the interceptor
/// returns, so a scan is acknowledged only once the outbox has committed it; uplinks are not routed further
/// (ProcessPublish = false), which also keeps the broker's routing out of the hot path.
/// </summary>
public sealed class EmbeddedBroker(
    EmbeddedMqttServer holder,
    DeviceLogin login,
    UplinkProcessor uplinks,
    DeviceStatusStore status,
    MqttMetrics metrics,
    IOptions<MqttOptions> options,
    ILogger<EmbeddedBroker> logger) : IHostedService
{
    /// <summary>Sender id of the gateway's own downlinks; not a valid device id, so no device can pose as it.</summary>
    public const string GatewaySenderId = "$gateway";

    private MqttServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.Mode != MqttMode.Embedded) return;
        var builder = new MqttServerOptionsBuilder()
            .WithConnectionBacklog(o.ConnectionBacklog)
            .WithPersistentSessions(false);
        var bind = IPAddress.Parse(o.BindAddress);
        if (o.PlainTcp) builder.WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(bind).WithDefaultEndpointPort(o.Port);
        else builder.WithoutDefaultEndpoint();
        if (!string.IsNullOrEmpty(o.CertificatePath))
        {
            X509Certificate2 certificate;
            try { certificate = X509CertificateLoader.LoadPkcs12FromFile(o.CertificatePath, o.CertificatePassword); }
            catch (CryptographicException e)
            {
                throw new GatewayStartupException($"Mqtt:CertificatePath '{o.CertificatePath}' could not be read as a .pfx with Mqtt:CertificatePassword: {e.Message}");
            }
            if (!certificate.HasPrivateKey)
                throw new GatewayStartupException($"Mqtt:CertificatePath '{o.CertificatePath}' holds no private key; the TLS listener needs the certificate with its key.");
            builder.WithEncryptedEndpoint().WithEncryptedEndpointBoundIPAddress(bind).WithEncryptedEndpointPort(o.TlsPort)
                .WithEncryptionCertificate(certificate);
        }

        var server = new MqttServerFactory().CreateMqttServer(builder.Build());
        server.ValidatingConnectionAsync += OnConnectingAsync;
        server.InterceptingPublishAsync += OnPublishAsync;
        server.InterceptingSubscriptionAsync += OnSubscribingAsync;
        server.ClientDisconnectedAsync += OnDisconnectedAsync;
        try { await server.StartAsync(); }
        catch (SocketException e)
        {
            server.Dispose();
            throw new GatewayStartupException($"The MQTT broker cannot listen on {o.BindAddress} port {o.Port}{(string.IsNullOrEmpty(o.CertificatePath) ? "" : $" / TLS {o.TlsPort}")}: {e.Message} (set Mqtt:Port, or stop what uses it).");
        }
        _server = server;
        holder.Set(server);
        logger.LogInformation("Embedded MQTT broker listening on {Address}:{Port}{Tls}.", o.BindAddress, o.Port,
            string.IsNullOrEmpty(o.CertificatePath) ? "" : $", TLS on port {o.TlsPort}");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var server = _server;
        if (server == null) return;
        holder.Set(null);
        _server = null;
        await server.StopAsync(new MqttServerStopOptions());
        server.Dispose();
    }

    private Task OnConnectingAsync(ValidatingConnectionEventArgs e)
    {
        switch (login.Check(e.ClientId, e.UserName, e.Password))
        {
            case LoginResult.Accepted:
                break;
            case LoginResult.ClientIdNotValid:
                e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
                metrics.RefusedLogin();
                logger.LogWarning("Refused MQTT login of {User} from {Endpoint}: the client id must be the device id.", Printable(e.UserName), e.RemoteEndPoint);
                break;
            default:
                e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
                metrics.RefusedLogin();
                // The user name is logged (cut and cleaned: it comes from the network); the password never is.
                logger.LogWarning("Refused MQTT login of {User} from {Endpoint}: unknown device or wrong password.", Printable(e.UserName), e.RemoteEndPoint);
                break;
        }
        return Task.CompletedTask;
    }

    private async Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.ClientId == GatewaySenderId) return; // the gateway's own downlinks: route them to the device
        string topic = e.ApplicationMessage.Topic;
        e.ProcessPublish = false;
        if (!TopicAcl.MayPublish(e.ClientId, topic, out var kind))
        {
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            metrics.AclRefusal();
            logger.LogWarning("Refused publish of {ClientId} to {Topic}: a device may publish only under dev/{{its id}}/.", e.ClientId, Printable(topic));
            return;
        }
        try
        {
            await uplinks.HandleAsync(e.ClientId, kind, e.ApplicationMessage.Payload, e.CancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not stored, so not acknowledged: closing the connection makes the device send it again later.
            e.Response.ReasonCode = MqttPubAckReasonCode.ImplementationSpecificError;
            e.CloseConnection = true;
            logger.LogError("Uplink {Topic} of {ClientId} could not be stored; connection closed so the device retries: {Error}", topic, e.ClientId, ex.Message);
        }
    }

    private Task OnSubscribingAsync(InterceptingSubscriptionEventArgs e)
    {
        if (!TopicAcl.MaySubscribe(e.ClientId, e.TopicFilter.Topic))
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            metrics.AclRefusal();
            logger.LogWarning("Refused subscription of {ClientId} to {Filter}: a device may subscribe only to cmd/{{its id}}/+.", e.ClientId, Printable(e.TopicFilter.Topic));
        }
        return Task.CompletedTask;
    }

    private Task OnDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        if (e.DisconnectType != MqttClientDisconnectType.Takeover && e.ClientId != null && Firmware.Core.Protocol.DeviceId.IsValid(e.ClientId))
            status.RecordDisconnected(e.ClientId, e.DisconnectType == MqttClientDisconnectType.Clean);
        return Task.CompletedTask;
    }

    /// <summary>Network-supplied text for a log line: at most 80 characters, control characters replaced.</summary>
    internal static string Printable(string? text)
    {
        if (text == null) return "(none)";
        var chars = text.Length > 80 ? text[..80].ToCharArray() : text.ToCharArray();
        for (int i = 0; i < chars.Length; i++) if (char.IsControl(chars[i])) chars[i] = '?';
        return new string(chars) + (text.Length > 80 ? "…" : "");
    }
}

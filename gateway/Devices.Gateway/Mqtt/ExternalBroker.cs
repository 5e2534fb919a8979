using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;

namespace Devices.Gateway.Mqtt;

/// <summary>
/// External broker mode (Mqtt:Mode = External): one MQTTnet client subscribed to every device's uplinks with a
/// persistent session (clean session off), so messages that arrive while the gateway is away, or that it
/// received but never acknowledged, are delivered again. Each message is acknowledged by hand only after it was
/// handled (for a scan: committed to the outbox). MQTTnet 5 has no managed client: the loop below reconnects with
/// doubling waits and jitter. Messages of one device are handled in order; different devices in parallel.
/// </summary>
public sealed class ExternalBroker(
    ExternalMqttClient holder,
    UplinkProcessor uplinks,
    MqttMetrics metrics,
    IOptions<MqttOptions> options,
    ILogger<ExternalBroker> logger) : BackgroundService
{
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True between a successful subscribe and the next disconnect.</summary>
    public bool IsReady { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (o.Mode != MqttMode.External) return;
        var e = o.External;
        var client = holder.Client;
        client.ApplicationMessageReceivedAsync += OnMessageAsync;
        client.DisconnectedAsync += args =>
        {
            IsReady = false;
            _disconnected.TrySetResult();
            return Task.CompletedTask;
        };

        var wait = TimeSpan.FromSeconds(e.ReconnectMinSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
                var result = await client.ConnectAsync(BuildOptions(e), stoppingToken);
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    logger.LogError("External broker {Host}:{Port} refused the gateway: {Code} {Reason}.", e.Host, e.Port, result.ResultCode, result.ReasonString);
                }
                else
                {
                    string filter = e.SharedSubscriptions ? $"$share/{e.ShareGroup}/{Topics.AllUplinks}" : Topics.AllUplinks;
                    var subscribe = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                        .WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS()).Build(), stoppingToken);
                    foreach (var item in subscribe.Items)
                    {
                        if ((int)item.ResultCode > 2)
                            throw new InvalidOperationException($"the broker refused the subscription to {filter}: {item.ResultCode}");
                    }
                    IsReady = true;
                    wait = TimeSpan.FromSeconds(e.ReconnectMinSeconds);
                    logger.LogInformation("Connected to external broker {Host}:{Port} (session {Session}), subscribed to {Filter}.",
                        e.Host, e.Port, result.IsSessionPresent ? "resumed" : "new", filter);
                    await _disconnected.Task.WaitAsync(stoppingToken);
                    logger.LogWarning("Lost the external broker {Host}:{Port}; reconnecting.", e.Host, e.Port);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception ex)
            {
                logger.LogWarning("External broker {Host}:{Port} not reachable: {Error}", e.Host, e.Port, ex.Message);
            }
            IsReady = false;
            if (client.IsConnected) await SafeDisconnectAsync(client);
            // Jitter spreads the reconnects of several gateways after a broker restart.
            var delay = wait * (0.8 + 0.4 * Random.Shared.NextDouble());
            try { await Task.Delay(delay, stoppingToken); } catch (OperationCanceledException) { break; }
            wait = TimeSpan.FromSeconds(Math.Min(wait.TotalSeconds * 2, e.ReconnectMaxSeconds));
        }
        IsReady = false;
        await SafeDisconnectAsync(client);
    }

    private MqttClientOptions BuildOptions(ExternalBrokerOptions e)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(e.Host, e.Port)
            .WithClientId(e.ClientId)
            .WithCleanSession(false)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10));
        // MQTT 5 only for shared subscriptions; 3.1.1 otherwise, which every broker speaks (RabbitMQ's plugin included).
        if (e.SharedSubscriptions) builder.WithProtocolVersion(MqttProtocolVersion.V500).WithSessionExpiryInterval(e.SessionExpirySeconds);
        else builder.WithProtocolVersion(MqttProtocolVersion.V311);
        if (e.UserName.Length > 0) builder.WithCredentials(e.UserName, e.Password);
        if (e.UseTls)
        {
            builder.WithTlsOptions(t =>
            {
                t.UseTls().WithTargetHost(e.Host);
                if (!string.IsNullOrEmpty(e.CaCertificatePath))
                {
                    var ca = X509CertificateLoader.LoadCertificateFromFile(e.CaCertificatePath);
                    t.WithTrustChain(new X509Certificate2Collection(ca));
                }
            });
        }
        return builder.Build();
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        // Acknowledged by hand after the durable write; returning at once lets other devices' messages proceed.
        e.AutoAcknowledge = false;
        string topic = e.ApplicationMessage.Topic;
        if (!Topics.TryParse(topic, out var kind, out string deviceId) || !Topics.IsUplink(kind))
        {
            metrics.MalformedPayload();
            logger.LogWarning("Ignored message on unexpected topic {Topic}.", EmbeddedBroker.Printable(topic));
            return e.AcknowledgeAsync(CancellationToken.None);
        }
        // This handler runs on the client's receive loop, one message at a time, so the tails need no lock.
        _tails.TryGetValue(deviceId, out var previous);
        var task = HandleAfterAsync(previous, deviceId, kind, e);
        _tails[deviceId] = task;
        if (_tails.Count > 10_000) PruneTails();
        return Task.CompletedTask;
    }

    private async Task HandleAfterAsync(Task? previous, string deviceId, TopicKind kind, MqttApplicationMessageReceivedEventArgs e)
    {
        if (previous != null) { try { await previous; } catch { /* logged by its own run */ } }
        try
        {
            await uplinks.HandleAsync(deviceId, kind, e.ApplicationMessage.Payload, CancellationToken.None);
            await e.AcknowledgeAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Not stored, so not acknowledged: drop the connection; the broker delivers it again when we are back.
            logger.LogError("Uplink {Topic} could not be stored; reconnecting so the broker redelivers it: {Error}", e.ApplicationMessage.Topic, ex.Message);
            await SafeDisconnectAsync(holder.Client);
        }
    }

    private void PruneTails()
    {
        foreach (var (id, t) in _tails) if (t.IsCompleted) _tails.Remove(id);
    }

    private async Task SafeDisconnectAsync(IMqttClient client)
    {
        try
        {
            if (client.IsConnected) await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        }
        catch (Exception ex) { logger.LogDebug("Disconnect from the external broker: {Error}", ex.Message); }
    }
}

using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Hal;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Devices.Simulator.Mqtt;

/// <summary>
/// <see cref="IMqttLink"/> over an MQTTnet 5 client speaking MQTT 3.1.1, shaped like M2Mqtt on the device:
/// blocking Connect/Subscribe, Publish that returns a message id at once and reports the PUBACK later through
/// <see cref="Published"/>, <see cref="ConnectionLost"/> once per connection, and no automatic reconnect.
/// Events are raised on MQTTnet's threads, as M2Mqtt raises them on its receive thread.
/// </summary>
public sealed class MqttNetLink : IMqttLink, IDisposable
{
    /// <summary>CONNACK code used when the broker could not be reached at all.</summary>
    public const int Unreachable = -1;

    private readonly string _host;
    private readonly int _port;
    private readonly TimeSpan _timeout;
    private readonly object _gate = new();
    private IMqttClient? _client;
    private int _connection;   // increments per Connect, so a late event of an old connection is ignored
    private bool _lostRaised;
    private int _nextMessageId;
    private volatile bool _networkAvailable = true;

    public MqttNetLink(string host, int port) : this(host, port, TimeSpan.FromSeconds(5)) { }

    public MqttNetLink(string host, int port, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        if (port <= 0 || port > 65535) throw new ArgumentOutOfRangeException(nameof(port), "A TCP port is 1 to 65535.");
        _host = host;
        _port = port;
        _timeout = timeout;
    }

    public event MqttMessageHandler? MessageReceived;
    public event MqttPublishedHandler? Published;
    public event MqttConnectionLostHandler? ConnectionLost;

    public bool IsConnected
    {
        get { lock (_gate) return _client != null && _client.IsConnected; }
    }

    /// <summary>
    /// The device's Wi-Fi: while false, Connect fails as if the broker were unreachable, and switching it off drops a
    /// live connection (ConnectionLost, and the broker sends the will).
    /// </summary>
    public bool NetworkAvailable
    {
        get => _networkAvailable;
        set
        {
            _networkAvailable = value;
            if (value) return;
            IMqttClient? client;
            lock (_gate) client = _client;
            if (client == null) return;
            int connection = CurrentConnection(client);
            DropClient();
            RaiseLostOf(connection);
        }
    }

    public int Connect(string clientId, string user, string password, string willTopic, string willMessage, int keepAliveSeconds)
    {
        DropClient();
        if (!_networkAvailable) return Unreachable;
        var client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_host, _port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(clientId)
            .WithCredentials(user, password)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(keepAliveSeconds))
            .WithTimeout(_timeout);
        if (!string.IsNullOrEmpty(willTopic))
        {
            builder.WithWillTopic(willTopic)
                .WithWillPayload(System.Text.Encoding.UTF8.GetBytes(willMessage ?? ""))
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithWillRetain(false);
        }

        int connection;
        lock (_gate)
        {
            connection = ++_connection;
            _lostRaised = false;
            _client = client;
        }
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (CurrentConnection(client) == connection)
                MessageReceived?.Invoke(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
        client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected) RaiseLost(connection);
            return Task.CompletedTask;
        };

        try
        {
            using var cts = new CancellationTokenSource(_timeout);
            var result = client.ConnectAsync(builder.Build(), cts.Token).GetAwaiter().GetResult();
            if (result.ResultCode == MqttClientConnectResultCode.Success) return 0;
            DropClient();
            return ToMqtt311(result.ResultCode);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            DropClient();
            return RefusalIn(e);
        }
    }

    public void Disconnect()
    {
        IMqttClient? client;
        lock (_gate)
        {
            client = _client;
            _client = null;
            _connection++; // events of this connection are no longer reported
        }
        if (client == null) return;
        try
        {
            if (client.IsConnected)
            {
                using var cts = new CancellationTokenSource(_timeout);
                client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cts.Token).GetAwaiter().GetResult();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Closing a dead connection is not an error.
        }
        client.Dispose();
    }

    public void Subscribe(string topicFilter)
    {
        var client = RequireClient();
        try
        {
            using var cts = new CancellationTokenSource(_timeout);
            var options = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var result = client.SubscribeAsync(options, cts.Token).GetAwaiter().GetResult();
            foreach (var item in result.Items)
            {
                // MQTT 3.1.1 reports a refused subscription as SUBACK 0x80; the link keeps going, as M2Mqtt does.
                if ((int)item.ResultCode > 2) SubscriptionsRefused++;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LoseConnection(client);
        }
    }

    /// <summary>Subscriptions the broker refused (SUBACK failure), e.g. by its ACL.</summary>
    public int SubscriptionsRefused { get; private set; }

    public ushort Publish(string topic, byte[] payload, int qos)
    {
        if (qos != 0 && qos != 1) throw new ArgumentOutOfRangeException(nameof(qos), "The devices use QoS 0 or 1.");
        var client = RequireClient();
        int connection = CurrentConnection(client);
        ushort messageId = 0;
        if (qos == 1)
        {
            lock (_gate)
            {
                _nextMessageId = _nextMessageId % 65535 + 1;
                messageId = (ushort)_nextMessageId;
            }
        }
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(qos == 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
            .WithRetainFlag(false)
            .Build();
        ushort id = messageId;
        // Not awaited: like M2Mqtt, Publish returns once the message is handed over; the PUBACK comes as an event.
        client.PublishAsync(message, CancellationToken.None).ContinueWith(task =>
        {
            if (task.IsCompletedSuccessfully && task.Result.IsSuccess)
            {
                if (id != 0 && CurrentConnection(client) == connection) Published?.Invoke(id);
            }
            else
            {
                LoseConnection(client);
            }
        }, TaskContinuationOptions.ExecuteSynchronously);
        return messageId;
    }

    public void Dispose() => Disconnect();

    /// <summary>
    /// A power cut: the socket closes without DISCONNECT, so the broker publishes the will. Raises nothing.
    /// </summary>
    public void Abort() => DropClient();

    private IMqttClient RequireClient()
    {
        lock (_gate)
        {
            if (_client == null) throw new InvalidOperationException("The MQTT link is not connected: call Connect first.");
            return _client;
        }
    }

    private int CurrentConnection(IMqttClient client)
    {
        lock (_gate) return ReferenceEquals(_client, client) ? _connection : -1;
    }

    private void LoseConnection(IMqttClient client)
    {
        int connection = CurrentConnection(client);
        if (connection < 0) return;
        try { client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build()).Wait(_timeout); }
        catch (Exception e) when (e is not OutOfMemoryException) { }
        RaiseLost(connection);
    }

    /// <summary>Raises ConnectionLost for a connection that DropClient already retired.</summary>
    private void RaiseLostOf(int connection)
    {
        lock (_gate)
        {
            if (connection < 0 || _lostRaised) return;
            _lostRaised = true;
        }
        ConnectionLost?.Invoke();
    }

    private void RaiseLost(int connection)
    {
        lock (_gate)
        {
            if (connection != _connection || _lostRaised) return;
            _lostRaised = true;
        }
        ConnectionLost?.Invoke();
    }

    private void DropClient()
    {
        IMqttClient? client;
        lock (_gate)
        {
            client = _client;
            _client = null;
            _connection++;
        }
        client?.Dispose();
    }

    private static int RefusalIn(Exception e)
    {
        for (Exception? inner = e; inner != null; inner = inner.InnerException)
        {
            var property = inner.GetType().GetProperty("ResultCode");
            if (property?.GetValue(inner) is MqttClientConnectResultCode code && code != MqttClientConnectResultCode.Success)
                return ToMqtt311(code);
        }
        return Unreachable;
    }

    /// <summary>MQTTnet reports MQTT 5 reason codes; the devices speak 3.1.1 (CONNACK 1..5).</summary>
    private static int ToMqtt311(MqttClientConnectResultCode code) => code switch
    {
        MqttClientConnectResultCode.UnsupportedProtocolVersion => 1,
        MqttClientConnectResultCode.ClientIdentifierNotValid => 2,
        MqttClientConnectResultCode.ServerUnavailable or MqttClientConnectResultCode.ServerBusy => 3,
        MqttClientConnectResultCode.BadUserNameOrPassword => 4,
        MqttClientConnectResultCode.NotAuthorized or MqttClientConnectResultCode.Banned => 5,
        _ => 3,
    };
}

using System;
using Devices.Firmware.Core.Hal;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace Devices.Firmware.Hal.M2MqttLink
{
    /// <summary>
    /// MQTT 3.1.1 over nanoFramework.M2Mqtt. M2Mqtt has no reconnect and keeps its in-flight session in RAM, so this
    /// class makes a fresh client per Connect (the apps' reconnect loop, with Backoff, calls Connect again after
    /// ConnectionLost) and reports PUBACKs through Published so the apps delete queued scans only then.
    /// Checked against nanoframework/nanoFramework.m2mqtt M2Mqtt/MqttClient.cs (constructor, Connect, Subscribe,
    /// Publish, MqttMsgPublishReceived, MqttMsgPublished, ConnectionClosed).
    /// </summary>
    public sealed class M2MqttLink : IMqttLink
    {
        private readonly string _host;
        private readonly int _port;
        private MqttClient? _client;

        public M2MqttLink(string host, int port)
        {
            _host = host;
            _port = port;
        }

        public event MqttMessageHandler MessageReceived;
        public event MqttPublishedHandler Published;
        public event MqttConnectionLostHandler ConnectionLost;

        public bool IsConnected { get { return _client != null && _client.IsConnected; } }

        public int Connect(string clientId, string user, string password, string willTopic, string willMessage, int keepAliveSeconds)
        {
            Drop();
            MqttClient client;
            try
            {
                client = new MqttClient(_host, _port, false, null, null, MqttSslProtocols.None);
                client.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
                client.MqttMsgPublishReceived += OnPublishReceived;
                client.MqttMsgPublished += OnPublished;
                client.ConnectionClosed += OnClosed;
                bool hasWill = willTopic != null && willTopic.Length > 0;
                MqttReasonCode code = client.Connect(clientId, user, password, false, MqttQoSLevel.AtLeastOnce, hasWill,
                    willTopic, willMessage, true, (ushort)keepAliveSeconds);
                if (code != MqttReasonCode.Success)
                {
                    client.Close();
                    return (int)code;
                }
            }
            catch (Exception)
            {
                return -1; // broker not reached (socket error, DNS)
            }
            _client = client;
            return 0;
        }

        public void Disconnect()
        {
            MqttClient? c = _client;
            _client = null; // before Disconnect, so OnClosed does not raise ConnectionLost
            if (c == null) return;
            try { c.Disconnect(); } catch (Exception) { }
        }

        public void Subscribe(string topicFilter)
        {
            Client().Subscribe(new string[] { topicFilter }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
        }

        public ushort Publish(string topic, byte[] payload, int qos)
        {
            MqttQoSLevel level = qos == 0 ? MqttQoSLevel.AtMostOnce : MqttQoSLevel.AtLeastOnce;
            ushort id = Client().Publish(topic, payload, null, null, level, false);
            return qos == 0 ? (ushort)0 : id;
        }

        private MqttClient Client()
        {
            MqttClient? c = _client;
            if (c == null || !c.IsConnected) throw new InvalidOperationException("MQTT is not connected.");
            return c;
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            MqttMessageHandler h = MessageReceived;
            if (h != null) h(e.Topic, e.Message);
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            // IsPublished false means M2Mqtt gave up retrying: not acknowledged, the app resends after reconnect.
            MqttPublishedHandler h = Published;
            if (e.IsPublished && h != null) h(e.MessageId);
        }

        private void OnClosed(object sender, EventArgs e)
        {
            if (sender != _client) return; // an old client or a polite Disconnect
            _client = null;
            MqttConnectionLostHandler h = ConnectionLost;
            if (h != null) h();
        }

        private void Drop()
        {
            MqttClient? c = _client;
            _client = null;
            if (c == null) return;
            try { c.Close(); } catch (Exception) { }
        }
    }
}

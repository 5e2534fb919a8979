namespace Devices.Firmware.Core.Hal
{
    /// <summary>A message arrived on a subscribed topic.</summary>
    public delegate void MqttMessageHandler(string topic, byte[] payload);

    /// <summary>The broker acknowledged (PUBACK) the QoS 1 publish with this message id.</summary>
    public delegate void MqttPublishedHandler(ushort messageId);

    /// <summary>The connection closed or failed; nothing in flight will be acknowledged any more.</summary>
    public delegate void MqttConnectionLostHandler();

    /// <summary>
    /// An MQTT 3.1.1 client connection (M2Mqtt on the device, MQTTnet in the simulator). No automatic reconnect:
    /// the app calls Connect again after ConnectionLost and resends what was not acknowledged.
    /// </summary>
    public interface IMqttLink
    {
        /// <summary>True between a successful Connect and ConnectionLost/Disconnect.</summary>
        bool IsConnected { get; }

        /// <summary>
        /// Connects with a clean session and a QoS 1, non-retained will. The will is a string because M2Mqtt takes
        /// it as one (sent as UTF-8). Returns the CONNACK code: 0 = accepted; -1 when the broker was not reached.
        /// </summary>
        int Connect(string clientId, string user, string password, string willTopic, string willMessage, int keepAliveSeconds);

        /// <summary>Closes the connection politely (no will is sent). ConnectionLost is not raised.</summary>
        void Disconnect();

        /// <summary>Subscribes to a topic filter at QoS 1.</summary>
        void Subscribe(string topicFilter);

        /// <summary>Publishes at QoS 0 or 1 (never retained); returns the message id (Published reports its PUBACK; 0 for QoS 0).</summary>
        ushort Publish(string topic, byte[] payload, int qos);

        /// <summary>Raised for each message received on a subscribed topic.</summary>
        event MqttMessageHandler MessageReceived;

        /// <summary>Raised when a QoS 1 publish was acknowledged by the broker.</summary>
        event MqttPublishedHandler Published;

        /// <summary>Raised once when the connection is lost.</summary>
        event MqttConnectionLostHandler ConnectionLost;
    }
}

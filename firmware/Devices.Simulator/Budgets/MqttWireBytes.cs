using System;
using System.Text;

namespace Devices.Simulator.Budgets;

/// <summary>
/// Sizes of MQTT 3.1.1 packets on the wire (TCP payload bytes, no TLS), from the spec's encodings: a fixed
/// header byte, the remaining length (1-4 bytes), then the packet. Used for the byte budgets, and checked
/// against a byte-counting TCP proxy in the tests.
/// </summary>
public static class MqttWireBytes
{
    public const int ConnAck = 4;
    public const int PubAck = 4;
    public const int Disconnect = 2;
    public const int PingReq = 2;

    /// <summary>CONNECT with a clean session, user name, password and (when willTopic is not empty) a will.</summary>
    public static int Connect(string clientId, string user, string password, string willTopic, int willMessageBytes)
    {
        int remaining = 10 + Str(clientId); // "MQTT" (6), level, flags, keep-alive (2)
        if (!string.IsNullOrEmpty(willTopic)) remaining += Str(willTopic) + 2 + willMessageBytes;
        if (!string.IsNullOrEmpty(user)) remaining += Str(user);
        if (!string.IsNullOrEmpty(password)) remaining += Str(password);
        return Packet(remaining);
    }

    public static int Publish(string topic, int payloadBytes, int qos) =>
        Packet(Str(topic) + (qos > 0 ? 2 : 0) + payloadBytes);

    /// <summary>SUBSCRIBE with one topic filter.</summary>
    public static int Subscribe(string filter) => Packet(2 + Str(filter) + 1);

    /// <summary>SUBACK for one topic filter.</summary>
    public const int SubAck = 5;

    public static int Packet(int remaining) => 1 + RemainingLengthBytes(remaining) + remaining;

    public static int RemainingLengthBytes(int remaining)
    {
        if (remaining < 0 || remaining > 268_435_455) throw new ArgumentOutOfRangeException(nameof(remaining), "MQTT packets carry 0 to 268,435,455 bytes.");
        if (remaining < 128) return 1;
        if (remaining < 16_384) return 2;
        if (remaining < 2_097_152) return 3;
        return 4;
    }

    private static int Str(string s) => 2 + Encoding.UTF8.GetByteCount(s);
}

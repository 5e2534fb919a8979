using System;

namespace Devices.Simulator.Tests.Brokers;

/// <summary>
/// A broker the tests start on 127.0.0.1 with per-device credentials and the device ACL: a device (user = its
/// id) may publish only under dev/{id}/ and subscribe only under cmd/{id}/; the gateway user may do anything.
/// </summary>
public abstract class BrokerUnderTest : IDisposable
{
    public const string GatewayUser = Devices.TestSupport.MosquittoProcess.GatewayUser;
    public const string GatewayPassword = Devices.TestSupport.MosquittoProcess.GatewayPassword;

    public string Host => "127.0.0.1";
    public int Port { get; protected set; }

    /// <summary>Name for test output ("mosquitto", "mqttnet").</summary>
    public abstract string Name { get; }

    public abstract void Start();
    public abstract void Stop();
    public abstract void Dispose();

    public override string ToString() => Name;


    /// <summary>The device ACL, shared by both brokers: may this user publish to / subscribe to this topic?</summary>
    public static bool MayPublish(string user, string topic) =>
        user == GatewayUser || topic.StartsWith("dev/" + user + "/", StringComparison.Ordinal);

    public static bool MaySubscribe(string user, string filter) =>
        user == GatewayUser || filter.StartsWith("cmd/" + user + "/", StringComparison.Ordinal);
}

using System.Diagnostics.Metrics;
using System.Threading;

namespace Devices.Gateway.Mqtt;

/// <summary>Counters of the device-facing side (meter "Devices.Gateway.Mqtt"), also readable in-process for tests and status.</summary>
public sealed class MqttMetrics
{
    public const string MeterName = "Devices.Gateway.Mqtt";
    private readonly Counter<long> _uplinks;
    private readonly Counter<long> _malformed;
    private readonly Counter<long> _refusedLogins;
    private readonly Counter<long> _aclRefusals;
    private readonly Counter<long> _unknownDevices;
    private long _malformedCount, _refusedLoginCount, _aclRefusalCount, _uplinkCount, _unknownDeviceCount;

    public MqttMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _uplinks = meter.CreateCounter<long>("devices.mqtt.uplinks", description: "Uplink messages handled");
        _malformed = meter.CreateCounter<long>("devices.mqtt.malformed", description: "Uplinks that did not decode");
        _refusedLogins = meter.CreateCounter<long>("devices.mqtt.refused_logins", description: "CONNECTs refused");
        _aclRefusals = meter.CreateCounter<long>("devices.mqtt.acl_refusals", description: "Publishes or subscriptions outside a device's own topics");
        _unknownDevices = meter.CreateCounter<long>("devices.mqtt.unknown_devices", description: "Uplinks from a client that is not a provisioned device");
    }

    public long Uplinks => Interlocked.Read(ref _uplinkCount);
    public long Malformed => Interlocked.Read(ref _malformedCount);
    public long RefusedLogins => Interlocked.Read(ref _refusedLoginCount);
    public long AclRefusals => Interlocked.Read(ref _aclRefusalCount);
    public long UnknownDevices => Interlocked.Read(ref _unknownDeviceCount);

    public void Uplink() { Interlocked.Increment(ref _uplinkCount); _uplinks.Add(1); }
    public void MalformedPayload() { Interlocked.Increment(ref _malformedCount); _malformed.Add(1); }
    public void RefusedLogin() { Interlocked.Increment(ref _refusedLoginCount); _refusedLogins.Add(1); }
    public void AclRefusal() { Interlocked.Increment(ref _aclRefusalCount); _aclRefusals.Add(1); }
    public void UnknownDevice() { Interlocked.Increment(ref _unknownDeviceCount); _unknownDevices.Add(1); }
}

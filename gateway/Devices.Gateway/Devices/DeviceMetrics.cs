using System.Diagnostics.Metrics;

namespace Devices.Gateway.Registry;

/// <summary>The device fleet's instruments on the gateway's meter "Devices.Gateway".</summary>
public sealed class DeviceMetrics
{
    public const string MeterName = "Devices.Gateway";

    public DeviceMetrics(IMeterFactory meters, DeviceStatusStore status)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("gateway.devices.online", status.OnlineCount, "{device}",
            "Devices connected now (said hello or sent a message, and neither disconnected nor left a last will since).");
    }
}

using System.Collections.Generic;
using System.Diagnostics.Metrics;
using Devices.Gateway.Mqtt;
using Microsoft.Extensions.DependencyInjection;

namespace Devices.Gateway.Tests.Mqtt;

public class MqttMetricsTests
{
    [Fact]
    public void Each_refusal_is_counted_under_its_own_instrument()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new MqttMetrics(services.GetRequiredService<IMeterFactory>());
        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == MqttMetrics.MeterName) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => seen[instrument.Name] = seen.GetValueOrDefault(instrument.Name) + value);
        listener.Start();

        metrics.UnknownDevice();
        metrics.UnknownDevice();
        metrics.MalformedPayload();
        metrics.AclRefusal();
        metrics.RefusedLogin();

        Assert.Equal(2, seen["devices.mqtt.unknown_devices"]);
        Assert.Equal(1, seen["devices.mqtt.malformed"]); // an unknown device's uplink is not a malformed one
        Assert.Equal(1, seen["devices.mqtt.acl_refusals"]);
        Assert.Equal(1, seen["devices.mqtt.refused_logins"]);
        Assert.Equal(2, metrics.UnknownDevices);
    }
}

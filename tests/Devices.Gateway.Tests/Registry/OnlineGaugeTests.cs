using System.Diagnostics.Metrics;
using System.Threading.Tasks;
using Devices.Gateway.Registry;
using Devices.Gateway.Tests.Fixtures;
using MQTTnet;

namespace Devices.Gateway.Tests.Registry;

/// <summary>gateway.devices.online follows devices connecting and leaving.</summary>
public class OnlineGaugeTests
{
    [Fact]
    public async Task The_online_gauge_counts_connected_devices()
    {
        await using var gw = await MqttGateway.StartAsync();
        var factory = gw.Service<IMeterFactory>();
        long? last = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this gateway's meter: other tests run gateways in the same process.
            if (instrument.Meter.Scope == factory && instrument.Meter.Name == "Devices.Gateway" && instrument.Name == "gateway.devices.online")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => last = value);
        listener.Start();

        long? Read() { last = null; listener.RecordObservableInstruments(); return last; }
        Assert.Equal(0, Read());

        var a = gw.Provision("tent-g1");
        var b = gw.Provision("tent-g2");
        await using var devA = await DeviceClient.ConnectAsync(gw.MqttPort, "tent-g1", a.MqttPassword);
        await using var devB = await DeviceClient.ConnectAsync(gw.MqttPort, "tent-g2", b.MqttPassword);
        await devA.HelloAsync(0);
        await devB.HelloAsync(0);
        await Poll.UntilAsync(() => Read() == 2, "two devices online");

        await devB.Client.DisconnectAsync();
        await Poll.UntilAsync(() => Read() == 1, "one device online after a disconnect");
        Assert.Equal(1, gw.Service<DeviceStatusStore>().OnlineCount());
    }
}

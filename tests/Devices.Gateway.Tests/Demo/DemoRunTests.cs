using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Devices.Gateway.Reconciliation;
using Devices.Gateway.Registry;
using Devices.Gateway.Tests.Fixtures;

namespace Devices.Gateway.Tests.Demo;

public class DemoRunTests
{
    [Fact]
    public async Task Demo_fleet_comes_online_applies_its_content_and_its_scans_reach_the_demo_backend()
    {
        await using var gw = await MqttGateway.StartAsync(["--demo", "--Demo:Tents=2", "--Demo:Labels=3", "--Demo:ScanEveryMs=200"]);
        var status = gw.Service<DeviceStatusStore>();
        var reconciler = gw.Service<Reconciler>();
        string[] ids = ["demo-tent-1", "demo-tent-2", "demo-label-01", "demo-label-02", "demo-label-03"];
        Assert.Equal(ids.OrderBy(i => i), gw.Service<IDeviceRegistry>().List().Select(d => d.Id));

        await Poll.UntilAsync(() => ids.All(id => status.Get(id).LastSeen != null), "every simulated device said hello", 30_000);
        await Poll.UntilAsync(() => ids.All(id => reconciler.GetStateAsync(id, default).Result is { InSync: true, AppliedVersion: > 0 }),
            "every device applied its demo content", 30_000);

        // Scans from the simulated tents went through the outbox and the relay to the demo backend.
        await Poll.UntilAsync(() => DemoBackendCount(gw) > 0, "the demo backend received a scan webhook", 30_000);
    }

    private static int DemoBackendCount(MqttGateway gw)
    {
        using var doc = JsonDocument.Parse(gw.Api.GetStringAsync("/demo-backend/events").Result);
        return doc.RootElement.GetProperty("accepted").GetInt32();
    }
}

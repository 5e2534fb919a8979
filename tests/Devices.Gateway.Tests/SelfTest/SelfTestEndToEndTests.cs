using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Devices.Firmware.Core.Drawing;
using Devices.Gateway.Registry;
using Devices.Gateway.Tests.Api;
using Devices.Gateway.Tests.Content;
using Devices.Gateway.Tests.Fixtures;
using Devices.Simulator.Hosts;

namespace Devices.Gateway.Tests.SelfTest;

/// <summary>The whole path: POST to the gateway, the real TableTentApp (simulator host, MQTTnet link) runs its self-test, GET returns the report.</summary>
public class SelfTestEndToEndTests
{
    [Fact]
    public async Task A_requested_self_test_of_a_simulated_tent_comes_back_through_the_api()
    {
        await using var gw = await ApiGateway.StartAsync();
        var identity = await ContentApi.ProvisionAsync(gw, "tent-e2e", "tent");
        var folder = Path.Combine(Path.GetTempPath(), "selftest-e2e-" + Guid.NewGuid().ToString("N"));
        using var tent = new TableTentHost(identity, "127.0.0.1", gw.MqttPort, folder, Panel.Epd29);
        try
        {
            tent.Start();
            await Poll.UntilAsync(() => gw.Service<DeviceStatusStore>().Get("tent-e2e").Online, "tent online");
            await Poll.UntilAsync(() => tent.Read(a => a.IsWallTimeKnown), "tent welcomed");

            using var response = await gw.Client.PostAsync("/api/devices/tent-e2e/selftest", null);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var store = gw.Service<SelfTestStore>();
            await Poll.UntilAsync(() => store.Latest("tent-e2e") != null, "self-test report stored");

            var report = store.Latest("tent-e2e")!;
            var mqtt = report.Checks.Single(c => c.Name == "mqtt");
            Assert.True(mqtt.Passed, mqtt.Detail);
            Assert.StartsWith("PUBACK after ", mqtt.Detail);
            Assert.Contains(report.Checks, c => c.Name == "display" && c.Passed);
            Assert.Contains(report.Checks, c => c.Name == "storage" && c.Passed);
            // Stamped with the gateway's welcome time, so the CLI can tell it from an older report.
            Assert.InRange(report.UnixTime, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60);
            Assert.Null(tent.Fault);
        }
        finally
        {
            tent.Stop();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}

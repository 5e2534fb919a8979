using System.IO;
using Devices.Cli.Simulate;
using Devices.Firmware.Core.Apps;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Protocol;
using Devices.Simulator.Fleet;
using Devices.Simulator.Hardware;
using Devices.Simulator.Tests.Support;

namespace Devices.Simulator.Tests;

/// <summary>`devices simulate` and the simulation runner against the embedded broker.</summary>
public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sim-cli-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    [Fact]
    public void Bad_arguments_get_one_clear_message()
    {
        var output = new DirectoryInfo(_folder);
        Assert.Equal("Generated devices need --fleet-secret (their secrets are derived from it).",
            Assert.Throws<SimulateException>(() => SimulateCommand.BuildOptions(null, null, 2, 0, null, output, null, 0, 1, false)).Message);
        Assert.Equal("Nothing to simulate: give --fleet, or --tents/--labels with --fleet-secret.",
            Assert.Throws<SimulateException>(() => SimulateCommand.BuildOptions(null, null, 0, 0, "s", output, null, 0, 1, false)).Message);
        Assert.Equal("--broker 'host:99999': the port must be a number from 1 to 65535.",
            Assert.Throws<SimulateException>(() => SimulateCommand.BuildOptions("host:99999", null, 1, 0, "s", output, null, 0, 1, false)).Message);
        Assert.Contains("does not exist",
            Assert.Throws<FleetFileException>(() => SimulateCommand.BuildOptions(null, new FileInfo(Path.Combine(_folder, "none.json")), 0, 0, null, output, null, 0, 1, false)).Message);
        var ok = SimulateCommand.BuildOptions("example.org:1884", null, 2, 3, "s", output, null, 0, 60, true);
        Assert.Equal(("example.org", 1884), (ok.Host, ok.Port));
        Assert.Equal(["tent-1", "tent-2", "label-1", "label-2", "label-3"], ok.Devices.Select(d => d.Id).ToArray());
    }

    [Fact]
    public void A_short_simulation_brings_every_device_online_and_delivers_generated_scans()
    {
        var options0 = SimulateCommand.BuildOptions(null, null, 2, 1, "cli-test", new DirectoryInfo(_folder), null, 300, 1, true);
        using var broker = new Brokers.EmbeddedBroker(options0.Devices.Select(d => (d.Id, d.Identity.MqttPassword)));
        using var gateway = new TestGateway(broker, options0.Devices) { WakeIntervalSeconds = 60 };
        gateway.SetContent("tent-1", 1, ContentKind.Tent, TentContentCodec.Encode(new TentContent
        {
            TableName = "Table 1", Headline = "Scan to order", LinkTemplate = "https://m.example.com/{device}/{token}", RotationSeconds = 60,
        }));
        var options = SimulateCommand.BuildOptions($"127.0.0.1:{broker.Port}", null, 2, 1, "cli-test", new DirectoryInfo(_folder), null, 300, 1, true);
        var console = new StringWriter();
        Assert.Equal(0, SimulateCommand.Run(options, 3, console));

        Assert.Equal(["label-1", "tent-1", "tent-2"], gateway.Hellos.Select(h => h.Device).Distinct().Order().ToArray());
        Assert.Contains(gateway.Acks, a => a.Device == "tent-1" && a.Ack.Result == AckResult.Applied);
        Assert.True(gateway.Scans.Length >= 5, $"only {gateway.Scans.Length} generated scans arrived");
        Assert.All(gateway.Scans, s => Assert.StartsWith($"SIM-{s.Device}-", s.Data));
        string summary = console.ToString();
        Assert.Contains("tent-1: tent, ", summary);
        Assert.Contains("content v1", summary);
        Assert.Contains("label-1: label, 1 wakes", summary);
        Assert.True(File.Exists(Path.Combine(_folder, "tent-1", "frames", "tent-1-0000.png")));
        Assert.True(Directory.GetFiles(Path.Combine(_folder, "tent-2", "flash")).Length > 0);
    }

    [Fact]
    public void The_self_test_runs_on_simulated_hardware_and_reports_to_the_gateway()
    {
        var device = FleetDevice.Derived("selftest", "tent-9", DeviceKind.TableTent);
        using var broker = new Brokers.EmbeddedBroker([(device.Id, device.Identity.MqttPassword)]);
        using var gateway = new TestGateway(broker, [device]);
        using var link = new Mqtt.MqttNetLink(broker.Host, broker.Port);
        Assert.Equal(0, link.Connect(device.Id, device.Id, device.Identity.MqttPassword, "", "", 30));
        var clock = new SystemClock();
        var display = new MemoryDisplay(Panel.Epd29);
        var board = new Board
        {
            Panel = Panel.Epd29, Display = display, Link = link, Storage = new FolderStorage(Path.Combine(_folder, "flash")),
            Clock = clock, Scanner = new ScriptedScanner(clock), Signal = new SimulatedSignal(),
        };
        var console = new StringWriter();
        var test = new SelfTest(device.Id, board, new Hosts.ConsoleSink(device.Id, console), 3000);
        test.Start();
        Poll.Require(() => test.Step(), "the self-test done");
        Assert.True(test.Report!.AllPassed, console.ToString());
        Poll.Require(() => gateway.SelfTests.Count == 1, "the report at the gateway");
        Assert.Equal(6, gateway.SelfTests.Single().Report.Checks.Length);
        Assert.Contains("[tent-9] PASS mqtt: PUBACK after", console.ToString());
        Assert.Equal(1, display.ShownCount);
    }
}

using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Devices.Cli;
using Devices.Cli.Flash;
using Devices.Cli.Provision;

namespace Devices.Hardware.Tests.Flash;

public class FlashTests
{
    private const string Port = "/dev/ttyFAKE0";
    private static string[] Ports() => ["/dev/ttyS0", Port];

    private static string Image()
    {
        var path = Path.Combine(Repo.TempFolder(), "TableTent.bin");
        File.WriteAllBytes(path, [1, 2, 3]);
        return path;
    }

    private static string Provisioned(string board, bool wifi)
    {
        var folder = Repo.TempFolder();
        Provisioner.Run(new ProvisionRequest("dev-1", board, "gw", 1883, folder, null, wifi ? "Shop" : null, wifi ? "pw" : null), TextWriter.Null);
        return folder;
    }

    // Expected command lines written out by hand from reference-facts.md's nanoff usage and each board's target.
    [Theory]
    [InlineData("table-tent-wrover-29", "ESP32_PSRAM_REV3")]
    [InlineData("shelf-label-wroom-213", "ESP32_REV3")]
    [InlineData("shelf-label-wroom-29", "ESP32_REV3")]
    public void RunsFirmwareAppAndConfigurationStepsForEachBoard(string board, string target)
    {
        var image = Image();
        var config = Provisioned(board, wifi: true);
        using var nanoff = new FakeNanoff();
        var output = new StringWriter();
        Flasher.Run(new FlashRequest(board, Port, image, config), output, Ports);

        var fileDeployment = Path.GetFullPath(Path.Combine(config, "filedeployment.json"));
        var network = Path.GetFullPath(Path.Combine(config, "networkdeployment.json"));
        var calls = nanoff.Calls();
        Assert.Equal(4, calls.Length);
        Assert.Equal(new[] { "--update", "--target", target, "--serialport", Port }, calls[0]);
        Assert.Equal(new[] { "--target", target, "--serialport", Port, "--deploy", "--image", image }, calls[1]);
        Assert.Equal(new[] { "--filedeployment", fileDeployment, "--serialport", Port }, calls[2]);
        Assert.Equal(new[] { "--networkdeployment", network, "--serialport", Port }, calls[3]);

        // nanoff reads the serial port from the descriptors when given only the file: both carry this port.
        using var files = JsonDocument.Parse(File.ReadAllText(fileDeployment));
        Assert.Equal(Port, files.RootElement.GetProperty("SerialPort").GetString());
        using var net = JsonDocument.Parse(File.ReadAllText(network));
        Assert.Equal(Port, net.RootElement.GetProperty("SerialPort").GetString());
        Assert.Equal("Shop", net.RootElement.GetProperty("WirelessClient").GetProperty("Ssid").GetString());

        var text = output.ToString();
        Assert.Contains("[1/4] nanoFramework firmware for " + target, text);
        Assert.Contains("[4/4] Wi-Fi configuration", text);
        Assert.Contains("fake nanoff: --update", text);
    }

    [Fact]
    public void SkipsWhatItIsToldToSkip()
    {
        var config = Provisioned("shelf-label-wroom-213", wifi: false);
        using var nanoff = new FakeNanoff();
        Flasher.Run(new FlashRequest("shelf-label-wroom-213", Port, null, config, SkipFirmware: true, NoApp: true), TextWriter.Null, Ports);
        var calls = nanoff.Calls();
        Assert.Single(calls);
        Assert.Equal("--filedeployment", calls[0][0]);
    }

    [Fact]
    public void StopsAtTheFirstFailingStepWithItsExitCode()
    {
        using var nanoff = new FakeNanoff(failOn: "--deploy");
        var e = Assert.Throws<UserError>(() => Flasher.Run(new FlashRequest("table-tent-wrover-29", Port, Image(), Provisioned("table-tent-wrover-29", false)), TextWriter.Null, Ports));
        Assert.Equal(FlashExitCodes.NanoffFailed, e.ExitCode);
        Assert.Contains("exit code 7", e.Message);
        Assert.Contains("step 2/3", e.Message);
        Assert.Equal(2, nanoff.Calls().Length);
    }

    [Fact]
    public void AMissingNanoffGivesTheInstallCommand()
    {
        var old = Environment.GetEnvironmentVariable("PATH");
        try
        {
            Environment.SetEnvironmentVariable("PATH", Repo.TempFolder());
            var (code, _, error) = Cli.Run("flash", "--board", "shelf-label-wroom-213", "--port", Port, "--no-app");
            Assert.Equal(FlashExitCodes.NanoffMissing, code);
            Assert.Contains("dotnet tool install -g nanoff", error);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", old);
        }
    }

    [Fact]
    public void AnUnknownPortListsThePortsThatExist()
    {
        using var nanoff = new FakeNanoff();
        var (code, _, error) = Cli.Run("flash", "--board", "shelf-label-wroom-213", "--port", "/dev/ttyNOPE9", "--no-app");
        Assert.Equal(FlashExitCodes.PortNotFound, code);
        Assert.Contains("Serial port '/dev/ttyNOPE9' not found", error);
        var real = System.IO.Ports.SerialPort.GetPortNames();
        if (real.Length == 0) Assert.Contains("none found", error);
        else Assert.All(real, p => Assert.Contains(p, error));
        Assert.Empty(nanoff.Calls());

        var e = Assert.Throws<UserError>(() => SerialPorts.Check("COM9", Ports));
        Assert.Contains("/dev/ttyS0, /dev/ttyFAKE0", e.Message);
    }

    [Fact]
    public void ConfigurationForAnotherBoardIsRefused()
    {
        using var nanoff = new FakeNanoff();
        var config = Provisioned("shelf-label-wroom-213", false);
        var e = Assert.Throws<UserError>(() => Flasher.Run(new FlashRequest("table-tent-wrover-29", Port, null, config, NoApp: true), TextWriter.Null, Ports));
        Assert.Contains("provisioned for board shelf-label-wroom-213", e.Message);
        Assert.Empty(nanoff.Calls());
    }

    [Fact]
    public void AMissingImageIsAClearError()
    {
        using var nanoff = new FakeNanoff();
        var e = Assert.Throws<UserError>(() => Flasher.Run(new FlashRequest("table-tent-wrover-29", Port, null, null), TextWriter.Null, Ports));
        Assert.Contains("--image", e.Message);
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using Devices.Cli;
using Devices.Cli.Boards;
using Devices.Cli.Provision;
using Devices.Firmware.Core.Config;
using Devices.Firmware.Core.Security;

namespace Devices.Hardware.Tests.Provision;

public class ProvisionTests
{
    private static ProvisionRequest Local(string folder, string id = "table-7", string board = "table-tent-wrover-29") =>
        new(id, board, "192.168.1.10", 1883, folder, "COM5", "Shop", "secret wifi");

    [Fact]
    public void LocalProvisioningWritesFilesThatParse()
    {
        var folder = Repo.TempFolder();
        var device = Provisioner.Run(Local(folder), TextWriter.Null);

        var config = DeviceConfig.Parse(File.ReadAllBytes(Path.Combine(folder, "device.conf")));
        Assert.Equal("table-7", config.DeviceId);
        Assert.Equal("table-tent", config.Kind);
        Assert.Equal("table-tent-wrover-29", config.Board);
        Assert.Equal("192.168.1.10", config.BrokerHost);
        Assert.Equal(1883, config.BrokerPort);
        Assert.Equal(device.Secret, config.Secret);

        using var import = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "gateway-import.json")));
        Assert.Equal("table-7", import.RootElement.GetProperty("id").GetString());
        Assert.Equal(config.Secret, Convert.FromBase64String(import.RootElement.GetProperty("secret").GetString()!));

        using var files = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "filedeployment.json")));
        Assert.Equal("COM5", files.RootElement.GetProperty("SerialPort").GetString());
        var entries = files.RootElement.GetProperty("Files").EnumerateArray()
            .Select(e => (e.GetProperty("DestinationFilePath").GetString(), e.GetProperty("SourceFilePath").GetString())).ToArray();
        Assert.Equal(new[] { @"I:\device.conf", @"I:\board.conf" }, entries.Select(e => e.Item1));
        Assert.All(entries, e => Assert.True(Path.IsPathRooted(e.Item2) && File.Exists(e.Item2), e.Item2));

        using var network = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "networkdeployment.json")));
        Assert.Equal("Shop", network.RootElement.GetProperty("WirelessClient").GetProperty("Ssid").GetString());
        Assert.Equal("secret wifi", network.RootElement.GetProperty("WirelessClient").GetProperty("Password").GetString());
        // The Core derives the MQTT password and keys from the stored secret without complaint.
        Assert.Equal(32, new DeviceIdentity(config.DeviceId, config.Secret).MqttPassword.Length);
    }

    [Fact]
    public void SecretsAreThirtyTwoRandomBytesAndUnique()
    {
        var secrets = new List<byte[]>();
        for (int i = 0; i < 40; i++)
        {
            var folder = Repo.TempFolder();
            Provisioner.Run(Local(folder, "label-" + i, "shelf-label-wroom-213") with { WifiSsid = null, WifiPassword = null }, TextWriter.Null);
            secrets.Add(DeviceConfig.Parse(File.ReadAllBytes(Path.Combine(folder, "device.conf"))).Secret);
        }
        Assert.All(secrets, s => Assert.Equal(32, s.Length));
        Assert.Equal(secrets.Count, secrets.Select(Convert.ToHexString).Distinct().Count());
        // 40 × 32 random bytes: every byte value's count stays near 5; a constant or counter secret fails this.
        var counts = new int[256];
        foreach (var s in secrets) foreach (var b in s) counts[b]++;
        Assert.True(counts.Max() < 20, "byte values are far from uniform");
    }

    [Fact]
    public void SecretFilesAreReadableByTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return;
        var folder = Repo.TempFolder();
        Provisioner.Run(Local(folder), TextWriter.Null);
        foreach (var name in new[] { "device.conf", "gateway-import.json", "networkdeployment.json" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, name)));
        }
    }

    [Fact]
    public void BoardConfMatchesTheBoardFile()
    {
        foreach (var file in Repo.BoardFiles)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var text = DeploymentFiles.BoardConf(BoardFile.Load(file));
            var conf = BoardConfig.Parse(Encoding.UTF8.GetBytes(text));
            var pins = json.RootElement.GetProperty("pins");
            int Pin(string role) => pins.TryGetProperty(role, out var v) ? v.GetInt32() : BoardConfig.NotFitted;
            Assert.Equal(json.RootElement.GetProperty("id").GetString(), conf.Id);
            Assert.Equal(Pin("spiMosi"), conf.SpiMosi);
            Assert.Equal(Pin("spiClock"), conf.SpiClock);
            Assert.Equal(Pin("panelCs"), conf.PanelCs);
            Assert.Equal(Pin("panelDc"), conf.PanelDc);
            Assert.Equal(Pin("panelReset"), conf.PanelReset);
            Assert.Equal(Pin("panelBusy"), conf.PanelBusy);
            Assert.Equal(Pin("panelPower"), conf.PanelPower);
            Assert.Equal(Pin("scannerRx"), conf.ScannerRx);
            Assert.Equal(Pin("scannerTx"), conf.ScannerTx);
            Assert.Equal(Pin("button"), conf.Button);
            Assert.Equal(Pin("led"), conf.Led);
            Assert.Equal(Pin("batteryAdc"), conf.BatteryAdc);
            Assert.Equal(json.RootElement.GetProperty("panel").GetProperty("size").GetString(), conf.PanelSize);
            if (json.RootElement.TryGetProperty("battery", out var battery))
            {
                Assert.Equal((int)(battery.GetProperty("dividerRatio").GetDouble() * 1000), conf.BatteryDividerPerMille);
            }
        }
    }

    [Fact]
    public void ReprovisioningRefusesWithoutForce()
    {
        var folder = Repo.TempFolder();
        var first = Provisioner.Run(Local(folder), TextWriter.Null);
        var e = Assert.Throws<UserError>(() => Provisioner.Run(Local(folder), TextWriter.Null));
        Assert.Contains("--force", e.Message);
        var second = Provisioner.Run(Local(folder) with { Force = true }, TextWriter.Null);
        Assert.NotEqual(first.Secret, second.Secret);
    }

    [Theory]
    [InlineData("Table 7", "invalid")]
    [InlineData("table.7", "invalid")]
    public void BadIdsGetOneClearMessage(string id, string expected)
    {
        var e = Assert.Throws<UserError>(() => Provisioner.Run(Local(Repo.TempFolder(), id), TextWriter.Null));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void AnUnknownBoardListsTheKnownOnes()
    {
        var e = Assert.Throws<BoardException>(() => Provisioner.Run(Local(Repo.TempFolder(), board: "tent-9000"), TextWriter.Null));
        Assert.Contains("table-tent-wrover-29", e.Message);
    }

    [Fact]
    public void ThroughTheGatewayTheGatewaysSecretIsStored()
    {
        var secret = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
        using var gateway = new GatewayStub(r => (201, JsonSerializer.Serialize(new { id = "table-8", secret = Convert.ToBase64String(secret) })));
        var folder = Repo.TempFolder();
        using var http = new HttpClient();
        Provisioner.Run(Local(folder, "table-8") with { Gateway = gateway.BaseUrl, ApiKey = "k-123" }, TextWriter.Null, http);

        Assert.True(gateway.Requests.TryDequeue(out var request));
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/devices", request.Path);
        Assert.Equal("k-123", request.ApiKey);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("table-8", body.RootElement.GetProperty("id").GetString());
        Assert.Equal("table-tent", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal("table-tent-wrover-29", body.RootElement.GetProperty("board").GetString());

        Assert.Equal(secret, DeviceConfig.Parse(File.ReadAllBytes(Path.Combine(folder, "device.conf"))).Secret);
        Assert.False(File.Exists(Path.Combine(folder, "gateway-import.json")), "the gateway holds the secret: no import file");
    }

    [Theory]
    [InlineData(409, "{}", "already has a device")]
    [InlineData(401, "{}", "refused the API key")]
    [InlineData(400, "{\"title\":\"Bad request\",\"detail\":\"kind must be table-tent or shelf-label\"}", "kind must be table-tent")]
    [InlineData(201, "{\"id\":\"table-8\",\"secret\":\"AAEC\"}", "3 bytes")]
    [InlineData(201, "{\"id\":\"table-9\",\"secret\":\"AAEC\"}", "not 'table-8'")]
    public void GatewayRefusalsGetClearMessages(int status, string body, string expected)
    {
        using var gateway = new GatewayStub(_ => (status, body));
        using var http = new HttpClient();
        var folder = Repo.TempFolder();
        var e = Assert.Throws<UserError>(() => Provisioner.Run(Local(folder, "table-8") with { Gateway = gateway.BaseUrl, ApiKey = "k" }, TextWriter.Null, http));
        Assert.Contains(expected, e.Message);
        Assert.False(File.Exists(Path.Combine(folder, "device.conf")));
    }

    [Fact]
    public void AnUnreachableGatewayIsAClearError()
    {
        var port = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        port.Start();
        var url = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)port.LocalEndpoint).Port}/");
        port.Stop();
        using var http = new HttpClient();
        var e = Assert.Throws<UserError>(() => Provisioner.Run(Local(Repo.TempFolder()) with { Gateway = url, ApiKey = "k" }, TextWriter.Null, http));
        Assert.Contains("Cannot reach the gateway", e.Message);
    }

    [Fact]
    public void TheCommandLineWritesTheFiles()
    {
        var folder = Repo.TempFolder();
        var (code, output, error) = Cli.Run("provision", "--id", "label-1", "--board", "shelf-label-wroom-29", "--broker-host", "gw.local", "--out", folder);
        Assert.True(code == 0, error);
        Assert.Contains("Provisioned label-1", output);
        Assert.Equal("shelf-label-wroom-29", DeviceConfig.Parse(File.ReadAllBytes(Path.Combine(folder, "device.conf"))).Board);
        var (code2, _, error2) = Cli.Run("provision", "--id", "label-1", "--board", "shelf-label-wroom-29", "--broker-host", "gw.local", "--out", folder);
        Assert.Equal(1, code2);
        Assert.StartsWith("error: ", error2);
    }
}

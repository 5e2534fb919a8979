using System.IO;
using System.Text;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Security;
using Devices.Firmware.Core.Tests.Oracles;
using Devices.Simulator.Fleet;
using Devices.Simulator.Hardware;

namespace Devices.Simulator.Tests;

public sealed class SimulatorPartsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sim-parts-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    [Fact]
    public void Folder_storage_replaces_whole_files_and_lists_by_prefix()
    {
        var storage = new FolderStorage(_folder);
        Assert.Null(storage.Read("scanq.00000001"));
        storage.Write("scanq.00000001", [9, 1, 2, 3, 9], 1, 3);
        storage.Write("scanq.00000002", [4], 0, 1);
        storage.Write("other", [5], 0, 1);
        Assert.Equal(new byte[] { 1, 2, 3 }, storage.Read("scanq.00000001"));
        storage.Write("scanq.00000001", [7], 0, 1);
        Assert.Equal(new byte[] { 7 }, storage.Read("scanq.00000001"));
        // A temporary file left by a crash mid-write is not an entry.
        File.WriteAllBytes(Path.Combine(_folder, "scanq.00000003.tmp~"), [1]);
        Assert.Equal(["scanq.00000001", "scanq.00000002"], storage.List("scanq.").Order().ToArray());
        storage.Delete("scanq.00000002");
        storage.Delete("scanq.00000002");
        Assert.False(storage.Exists("scanq.00000002"));
        // A new instance over the same folder is the same flash (a reboot).
        Assert.Equal(new byte[] { 7 }, new FolderStorage(_folder).Read("scanq.00000001"));
        var e = Assert.Throws<ArgumentException>(() => storage.Write("../escape", [1], 0, 1));
        Assert.Contains("letters, digits", e.Message);
    }

    [Fact]
    public void Memory_display_keeps_frames_and_writes_pngs_a_decoder_reads()
    {
        var panel = Panel.Epd29;
        var display = new MemoryDisplay(panel, Path.Combine(_folder, "frames"), "t");
        var frame = panel.CreateFrame();
        frame.FillRect(0, 0, 40, 20, Ink.Black);
        display.Show(frame.BlackPlane, null, false);
        display.Show(frame.BlackPlane, null, true);
        Assert.Equal(2, display.ShownCount);
        Assert.False(display.Frames[0].FullRefresh);
        Assert.True(display.Frames[1].FullRefresh);
        Assert.Equal(296, display.Last!.Width);
        Assert.Equal(128, display.Last.Height);
        Assert.Equal((int)Ink.Black, display.Last.GetPixel(39, 19));
        Assert.Equal((int)Ink.White, display.Last.GetPixel(40, 19));
        Assert.True(File.Exists(Path.Combine(_folder, "frames", "t-0001.png")));
        var e = Assert.Throws<ArgumentException>(() => display.Show(new byte[10], null, true));
        Assert.Contains("4736 bytes", e.Message);
    }

    [Fact]
    public void Memory_display_png_of_a_drawn_code_decodes()
    {
        var panel = Panel.Epd29;
        var display = new MemoryDisplay(panel);
        var frame = panel.CreateFrame();
        var layout = new Devices.Firmware.Core.Layouts.TableTentLayout(panel);
        layout.Render(new Devices.Firmware.Core.Layouts.TentScreen { Link = "https://m.example.com/t?c=ABCDEFGHIJKL", TableName = "T1" }, frame);
        display.Show(frame.BlackPlane, frame.RedPlane, true);
        byte[]? decoded = Decoders.ZBar(Decoders.WritePng(display.Last!));
        Assert.Equal("https://m.example.com/t?c=ABCDEFGHIJKL", decoded == null ? null : Encoding.UTF8.GetString(decoded));
    }

    [Fact]
    public void Scripted_scanner_releases_scans_at_their_time()
    {
        var clock = new ManualClock();
        var scanner = new ScriptedScanner(clock);
        scanner.LoadScript(new StringReader("# lunch\nFIRST\nwait 500\n\nSECOND\n"));
        var buffer = new byte[64];
        int n = scanner.Read(buffer, 0, 3);
        Assert.Equal("FIR", Encoding.ASCII.GetString(buffer, 0, n));
        n = scanner.Read(buffer, 0, 64);
        Assert.Equal("ST\r", Encoding.ASCII.GetString(buffer, 0, n));
        Assert.Equal(0, scanner.Read(buffer, 0, 64));
        clock.Advance(499);
        Assert.Equal(0, scanner.Read(buffer, 0, 64));
        clock.Advance(1);
        n = scanner.Read(buffer, 0, 64);
        Assert.Equal("SECOND\r", Encoding.ASCII.GetString(buffer, 0, n));
        var e = Assert.Throws<FormatException>(() => scanner.LoadScript(new StringReader("wait soon")));
        Assert.Equal("Scanner script line 1: 'wait' takes whole milliseconds, e.g. 'wait 500'.", e.Message);
    }

    [Fact]
    public void Fleet_file_reads_devices_and_says_what_is_wrong()
    {
        string secret = new string('a', 64);
        var fleet = FleetFile.Parse($$"""
            { "broker": { "host": "10.0.0.5", "port": 8883 },
              "devices": [ { "id": "tent-1", "kind": "tent", "secret": "{{secret}}" },
                           { "id": "label-1", "kind": "label", "secret": "{{secret}}", "panel": "4.2" } ] }
            """);
        Assert.Equal("10.0.0.5", fleet.Host);
        Assert.Equal(8883, fleet.Port);
        Assert.Equal(DeviceKind.TableTent, fleet.Devices[0].Kind);
        Assert.Equal("4.2", fleet.Devices[1].Panel);
        Assert.Equal(new DeviceIdentity("tent-1", Convert.FromHexString(secret)).MqttPassword, fleet.Devices[0].Identity.MqttPassword);

        Assert.Equal("Device 'x': kind must be \"tent\" or \"label\", not \"lamp\".",
            Assert.Throws<FleetFileException>(() => FleetFile.Parse("""{ "devices": [ { "id": "x", "kind": "lamp" } ] }""")).Message);
        Assert.Equal("Device 'x': secret must be 64 hex digits (32 bytes).",
            Assert.Throws<FleetFileException>(() => FleetFile.Parse("""{ "devices": [ { "id": "x", "kind": "tent", "secret": "abcd" } ] }""")).Message);
        Assert.Contains("id 'X_1' must be",
            Assert.Throws<FleetFileException>(() => FleetFile.Parse("""{ "devices": [ { "id": "X_1", "kind": "tent" } ] }""")).Message);
    }

    [Fact]
    public void Derived_identities_depend_on_the_fleet_secret_and_the_id()
    {
        var a = FleetDevice.Derived("s1", "tent-1", DeviceKind.TableTent);
        Assert.Equal(a.Identity.MqttPassword, FleetDevice.Derived("s1", "tent-1", DeviceKind.TableTent).Identity.MqttPassword);
        Assert.NotEqual(a.Identity.MqttPassword, FleetDevice.Derived("s2", "tent-1", DeviceKind.TableTent).Identity.MqttPassword);
        Assert.NotEqual(a.Identity.MqttPassword, FleetDevice.Derived("s1", "tent-2", DeviceKind.TableTent).Identity.MqttPassword);
        // Independent check of the derivation: secret = HMAC-SHA256(fleet secret, id).
        byte[] secret = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("s1"), Encoding.UTF8.GetBytes("tent-1"));
        Assert.Equal(new DeviceIdentity("tent-1", secret).ContentKey, a.Identity.ContentKey);
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Devices.Cli.Boards;
using Devices.Firmware.Core.Config;

namespace Devices.Cli.Provision;

/// <summary>
/// The files provisioning leaves in its output folder: what nanoff copies to I:\ (device.conf, board.conf), the
/// nanoff descriptors (filedeployment.json, networkdeployment.json) and, without a gateway, the gateway import.
/// </summary>
public static class DeploymentFiles
{
    public const string FileDeployment = "filedeployment.json";
    public const string NetworkDeployment = "networkdeployment.json";
    public const string GatewayImport = "gateway-import.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string DeviceConf(ProvisionedDevice d, string brokerHost, int brokerPort)
    {
        var sb = new StringBuilder();
        sb.Append("# Written by devices provision. Secret: keep this file private; the gateway holds the same secret.\n");
        sb.Append("format=").Append(DeviceConfig.FormatVersion).Append('\n');
        sb.Append("device-id=").Append(d.Id).Append('\n');
        sb.Append("kind=").Append(d.Kind).Append('\n');
        sb.Append("board=").Append(d.Board).Append('\n');
        sb.Append("secret=").Append(Convert.ToHexStringLower(d.Secret)).Append('\n');
        sb.Append("broker-host=").Append(brokerHost).Append('\n');
        sb.Append("broker-port=").Append(brokerPort.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return sb.ToString();
    }

    /// <summary>The board file flattened to the key=value form the firmware reads (Core's BoardConfig).</summary>
    public static string BoardConf(BoardFile b)
    {
        var sb = new StringBuilder();
        void Line(string key, object value) => sb.Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("# hardware/boards/").Append(b.Id).Append(".json, flattened by devices provision.\n");
        Line("format", BoardConfig.FormatVersion);
        Line("id", b.Id);
        Line("device", b.Device);
        Line("panel-size", b.Panel.Size);
        Line("panel-controller", b.Panel.Controller);
        Line("panel-red", b.Panel.Colors == "black-white-red" ? "true" : "false");
        foreach (var (role, pin) in b.Pins) Line("pin." + Kebab(role), pin);
        if (b.Scanner != null) Line("scanner-baud", b.Scanner.Baud);
        if (b.Battery != null)
        {
            Line("battery-divider-permille", (int)Math.Round(b.Battery.DividerRatio * 1000));
            Line("battery-empty-mv", b.Battery.EmptyMillivolts);
            Line("battery-full-mv", b.Battery.FullMillivolts);
        }
        return sb.ToString();
    }

    /// <summary>nanoff --filedeployment descriptor (nanoFirmwareFlasher FileDeploymentConfiguration: SerialPort, Files[DestinationFilePath, SourceFilePath]).</summary>
    public static string FileDeploymentJson(string? serialPort, IEnumerable<(string DevicePath, string SourcePath)> files)
    {
        var list = new JsonArray();
        foreach (var (devicePath, source) in files)
        {
            list.Add(new JsonObject { ["DestinationFilePath"] = devicePath, ["SourceFilePath"] = Path.GetFullPath(source) });
        }
        var root = new JsonObject();
        if (serialPort != null) root["SerialPort"] = serialPort;
        root["Files"] = list;
        return root.ToJsonString(Indented);
    }

    /// <summary>nanoff --networkdeployment descriptor (NetworkDeploymentConfiguration: SerialPort, WirelessClient{Ssid, Password}).</summary>
    public static string NetworkDeploymentJson(string? serialPort, string ssid, string password)
    {
        var root = new JsonObject();
        if (serialPort != null) root["SerialPort"] = serialPort;
        root["WirelessClient"] = new JsonObject { ["Ssid"] = ssid, ["Password"] = password };
        return root.ToJsonString(Indented);
    }

    /// <summary>What a gateway imports to know a device provisioned without it (docs/cli-hardware.md).</summary>
    public static string GatewayImportJson(ProvisionedDevice d, DateTimeOffset createdAt) =>
        new JsonObject
        {
            ["format"] = 1,
            ["id"] = d.Id,
            ["kind"] = d.Kind,
            ["board"] = d.Board,
            ["secret"] = Convert.ToBase64String(d.Secret),
            ["createdAt"] = createdAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        }.ToJsonString(Indented);

    /// <summary>Writes a file readable by its owner only where the OS allows it (it may hold a secret).</summary>
    public static void WritePrivate(string path, string text)
    {
        File.WriteAllText(path, text, new UTF8Encoding(false));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static string Kebab(string camel)
    {
        var sb = new StringBuilder();
        foreach (var c in camel)
        {
            if (char.IsUpper(c)) sb.Append('-').Append(char.ToLowerInvariant(c));
            else sb.Append(c);
        }
        return sb.ToString();
    }
}

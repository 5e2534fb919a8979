using System;
using System.IO;
using System.Net.Http;
using System.Security.Cryptography;
using Devices.Cli.Boards;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Security;

namespace Devices.Cli.Provision;

/// <summary>What `devices provision` was asked to do.</summary>
public sealed record ProvisionRequest(
    string DeviceId,
    string Board,
    string BrokerHost,
    int BrokerPort,
    string OutputFolder,
    string? SerialPort = null,
    string? WifiSsid = null,
    string? WifiPassword = null,
    Uri? Gateway = null,
    string? ApiKey = null,
    bool Force = false);

/// <summary>Creates a device identity (locally or on the gateway) and writes the files nanoff deploys.</summary>
public static class Provisioner
{
    public const string DeviceConfPath = @"I:\device.conf";
    public const string BoardConfPath = @"I:\board.conf";

    public static ProvisionedDevice Run(ProvisionRequest r, TextWriter output, HttpClient? http = null)
    {
        if (!DeviceId.IsValid(r.DeviceId)) throw new UserError($"Device id '{r.DeviceId}' is invalid: use 1 to 32 characters of a-z, 0-9 and '-'.");
        if (string.IsNullOrWhiteSpace(r.BrokerHost)) throw new UserError("--broker-host is required: the address the device connects to (the gateway's MQTT port).");
        if (r.BrokerPort is < 1 or > 65535) throw new UserError("--broker-port must be 1 to 65535.");
        if ((r.WifiSsid == null) != (r.WifiPassword == null)) throw new UserError("Give both --wifi-ssid and --wifi-password, or neither.");
        if ((r.Gateway == null) != (r.ApiKey == null)) throw new UserError("Give both --gateway and --api-key, or neither.");
        var board = BoardCatalog.Resolve(r.Board);

        Directory.CreateDirectory(r.OutputFolder);
        var deviceConf = Path.Combine(r.OutputFolder, "device.conf");
        if (File.Exists(deviceConf) && !r.Force)
        {
            throw new UserError($"{deviceConf} exists: this device was provisioned already. A new secret would lock it out of the gateway; use --force only if the gateway gets the new one too.");
        }

        ProvisionedDevice device;
        if (r.Gateway != null)
        {
            output.WriteLine($"Registering {r.DeviceId} with the gateway at {r.Gateway} ...");
            using var own = http == null ? new HttpClient { Timeout = TimeSpan.FromSeconds(30) } : null;
            device = GatewayRegistration.Register(http ?? own!, r.Gateway, r.ApiKey!, r.DeviceId, board.Device, board.Id);
        }
        else
        {
            device = new ProvisionedDevice(r.DeviceId, board.Device, board.Id, RandomNumberGenerator.GetBytes(DeviceIdentity.SecretBytes));
            var import = Path.Combine(r.OutputFolder, DeploymentFiles.GatewayImport);
            DeploymentFiles.WritePrivate(import, DeploymentFiles.GatewayImportJson(device, DateTimeOffset.UtcNow));
            output.WriteLine($"No gateway given: identity created here. Import {import} into the gateway.");
        }

        DeploymentFiles.WritePrivate(deviceConf, DeploymentFiles.DeviceConf(device, r.BrokerHost, r.BrokerPort));
        var boardConf = Path.Combine(r.OutputFolder, "board.conf");
        File.WriteAllText(boardConf, DeploymentFiles.BoardConf(board));
        File.WriteAllText(Path.Combine(r.OutputFolder, DeploymentFiles.FileDeployment),
            DeploymentFiles.FileDeploymentJson(r.SerialPort, [(DeviceConfPath, deviceConf), (BoardConfPath, boardConf)]));
        if (r.WifiSsid != null)
        {
            DeploymentFiles.WritePrivate(Path.Combine(r.OutputFolder, DeploymentFiles.NetworkDeployment),
                DeploymentFiles.NetworkDeploymentJson(r.SerialPort, r.WifiSsid, r.WifiPassword!));
        }
        var mqttPassword = new DeviceIdentity(device.Id, device.Secret).MqttPassword;
        output.WriteLine($"Provisioned {device.Id} ({device.Kind}, board {device.Board}); MQTT user {device.Id}, password derived from the secret ({mqttPassword.Length} chars).");
        output.WriteLine($"Files in {Path.GetFullPath(r.OutputFolder)}: device.conf, board.conf, {DeploymentFiles.FileDeployment}"
            + (r.WifiSsid != null ? $", {DeploymentFiles.NetworkDeployment}" : "") + (r.Gateway == null ? $", {DeploymentFiles.GatewayImport}" : "") + ".");
        output.WriteLine($"Next: devices flash --board {board.Id} --port <port> --config {r.OutputFolder} --image <app .bin>");
        return device;
    }
}

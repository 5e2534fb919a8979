using System;
using System.CommandLine;
using System.IO;

namespace Devices.Cli.Provision;

/// <summary>`devices provision`: a device's identity and secret, and the files nanoff deploys.</summary>
public static class ProvisionCommand
{
    public static Command Create()
    {
        var id = new Option<string>("--id") { Description = "Device id: 1-32 characters of a-z, 0-9, '-'.", Required = true };
        var board = new Option<string>("--board") { Description = "Board id (hardware/boards/{id}.json) or path to a board file.", Required = true };
        var brokerHost = new Option<string>("--broker-host") { Description = "Host name or IP the device's MQTT client connects to.", Required = true };
        var brokerPort = new Option<int>("--broker-port") { Description = "MQTT port.", DefaultValueFactory = _ => 1883 };
        var output = new Option<string?>("--out") { Description = "Output folder (default: provision/{id})." };
        var port = new Option<string?>("--port") { Description = "Serial port to put into the nanoff descriptors (devices flash sets it anyway)." };
        var ssid = new Option<string?>("--wifi-ssid") { Description = "Wi-Fi network (written to networkdeployment.json)." };
        var password = new Option<string?>("--wifi-password") { Description = "Wi-Fi password." };
        var gateway = new Option<string?>("--gateway") { Description = "Gateway base URL; the gateway then creates and keeps the secret." };
        var apiKey = new Option<string?>("--api-key") { Description = "Gateway API key (with --gateway)." };
        var force = new Option<bool>("--force") { Description = "Replace an existing provisioning in the output folder (new secret)." };
        var command = new Command("provision", "Create a device's identity and 32-byte secret and write device.conf, board.conf and the nanoff deployment files.")
        {
            id, board, brokerHost, brokerPort, output, port, ssid, password, gateway, apiKey, force,
        };
        command.SetAction(parse => UserError.Guard(parse, writer =>
        {
            var deviceId = parse.GetValue(id)!;
            Uri? gatewayUri = null;
            var g = parse.GetValue(gateway);
            if (g != null && (!Uri.TryCreate(g.EndsWith('/') ? g : g + "/", UriKind.Absolute, out gatewayUri) || (gatewayUri.Scheme != "http" && gatewayUri.Scheme != "https")))
            {
                throw new UserError($"--gateway '{g}' is not an http(s) URL.");
            }
            Provisioner.Run(new ProvisionRequest(
                deviceId,
                parse.GetValue(board)!,
                parse.GetValue(brokerHost)!,
                parse.GetValue(brokerPort),
                parse.GetValue(output) ?? Path.Combine("provision", deviceId),
                parse.GetValue(port),
                parse.GetValue(ssid),
                parse.GetValue(password),
                gatewayUri,
                parse.GetValue(apiKey),
                parse.GetValue(force)), writer);
            return 0;
        }));
        return command;
    }
}

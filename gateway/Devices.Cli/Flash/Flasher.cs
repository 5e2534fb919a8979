using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json.Nodes;
using Devices.Cli.Boards;
using Devices.Cli.Provision;

namespace Devices.Cli.Flash;

/// <summary>What `devices flash` was asked to do.</summary>
public sealed record FlashRequest(
    string Board,
    string Port,
    string? Image,
    string? ConfigFolder,
    bool SkipFirmware = false,
    bool NoApp = false,
    string? NanoffPath = null);

/// <summary>Firmware, then the app image, then the device configuration, each through nanoff.</summary>
public static class Flasher
{
    /// <summary>The nanoff command lines for the request, in order (pure: tests compare them).</summary>
    public static List<(string Step, string[] Arguments)> Plan(BoardFile board, FlashRequest r, string? fileDeployment, string? networkDeployment)
    {
        var target = board.Mcu.NanoffTarget;
        var steps = new List<(string, string[])>();
        if (!r.SkipFirmware) steps.Add(($"nanoFramework firmware for {target}", ["--update", "--target", target, "--serialport", r.Port]));
        if (!r.NoApp) steps.Add(($"app image {Path.GetFileName(r.Image)}", ["--target", target, "--serialport", r.Port, "--deploy", "--image", Path.GetFullPath(r.Image!)]));
        if (fileDeployment != null) steps.Add(("device configuration to I:\\", ["--filedeployment", fileDeployment, "--serialport", r.Port]));
        if (networkDeployment != null) steps.Add(("Wi-Fi configuration", ["--networkdeployment", networkDeployment, "--serialport", r.Port]));
        return steps;
    }

    public static void Run(FlashRequest r, TextWriter output, Func<string[]>? existingPorts = null)
    {
        var board = BoardCatalog.Resolve(r.Board);
        if (!r.NoApp)
        {
            if (r.Image == null) throw new UserError("Give --image <app .bin> (build it as firmware/README.md says), or --no-app to skip the app.");
            if (!File.Exists(r.Image)) throw new UserError($"App image {r.Image} does not exist.");
        }
        string? fileDeployment = null, networkDeployment = null;
        if (r.ConfigFolder != null) (fileDeployment, networkDeployment) = PrepareConfiguration(r.ConfigFolder, board, r.Port);
        var nanoff = Nanoff.Locate(r.NanoffPath);
        SerialPorts.Check(r.Port, existingPorts ?? SerialPorts.Existing);

        var steps = Plan(board, r, fileDeployment, networkDeployment);
        output.WriteLine($"Flashing {board.Id} on {r.Port} with {nanoff.Path}");
        for (int i = 0; i < steps.Count; i++)
        {
            var (step, args) = steps[i];
            output.WriteLine($"[{i + 1}/{steps.Count}] {step}");
            int code = nanoff.Run(args, output);
            if (code != 0)
            {
                throw new UserError(
                    $"nanoff failed (exit code {code}) at step {i + 1}/{steps.Count}, {step}. See its output above; if it cannot connect, hold the board's BOOT button while it starts, or check the cable.",
                    FlashExitCodes.NanoffFailed);
            }
        }
        output.WriteLine($"Done: {board.Id} on {r.Port}.");
    }

    /// <summary>Checks the provisioning folder matches the board, and writes the nanoff descriptors for this port.</summary>
    private static (string FileDeployment, string? NetworkDeployment) PrepareConfiguration(string folder, BoardFile board, string port)
    {
        var deviceConf = Path.Combine(folder, "device.conf");
        var boardConf = Path.Combine(folder, "board.conf");
        if (!File.Exists(deviceConf) || !File.Exists(boardConf))
        {
            throw new UserError($"{folder} has no device.conf/board.conf: run devices provision --out {folder} first.");
        }
        Devices.Firmware.Core.Config.DeviceConfig config;
        try { config = Devices.Firmware.Core.Config.DeviceConfig.Parse(File.ReadAllBytes(deviceConf)); }
        catch (ArgumentException e) { throw new UserError(e.Message); }
        if (config.Board != board.Id)
        {
            throw new UserError($"{deviceConf} was provisioned for board {config.Board}, not {board.Id}.");
        }
        var fileDeployment = Path.Combine(folder, DeploymentFiles.FileDeployment);
        File.WriteAllText(fileDeployment, DeploymentFiles.FileDeploymentJson(port, [(Provisioner.DeviceConfPath, deviceConf), (Provisioner.BoardConfPath, boardConf)]));
        var network = Path.Combine(folder, DeploymentFiles.NetworkDeployment);
        if (!File.Exists(network)) return (Path.GetFullPath(fileDeployment), null);
        var json = JsonNode.Parse(File.ReadAllText(network)) as JsonObject
            ?? throw new UserError($"{network} is not a JSON object.");
        json["SerialPort"] = port;
        DeploymentFiles.WritePrivate(network, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return (Path.GetFullPath(fileDeployment), Path.GetFullPath(network));
    }
}

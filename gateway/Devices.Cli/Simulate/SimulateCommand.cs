using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Threading;
using Devices.Firmware.Core.Apps;
using Devices.Firmware.Core.Protocol;
using Devices.Simulator;
using Devices.Simulator.Fleet;

namespace Devices.Cli.Simulate;

/// <summary>
/// devices simulate: runs table tents and shelf labels (the real Core apps) against an MQTT broker. Devices come
/// from a fleet file, or are generated (tent-1.., label-1..) with secrets derived from --fleet-secret.
/// </summary>
public static class SimulateCommand
{
    public static Command Build()
    {
        var broker = new Option<string>("--broker") { Description = "Broker as host:port (overrides the fleet file).", };
        var fleet = new Option<FileInfo?>("--fleet") { Description = "Fleet file (JSON: broker, devices with id, kind, secret)." };
        var tents = new Option<int>("--tents") { Description = "Generate this many table tents (tent-1, tent-2, ...).", DefaultValueFactory = _ => 0 };
        var labels = new Option<int>("--labels") { Description = "Generate this many shelf labels (label-1, ...).", DefaultValueFactory = _ => 0 };
        var secret = new Option<string?>("--fleet-secret") { Description = "Shared secret the generated devices' secrets are derived from." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for each device's flash and frames.", DefaultValueFactory = _ => new DirectoryInfo("sim-out") };
        var duration = new Option<int>("--duration") { Description = "Seconds to run; 0 runs until Ctrl+C.", DefaultValueFactory = _ => 0 };
        var script = new Option<FileInfo?>("--scan-script") { Description = "Scanner script for every tent: lines of text to scan, 'wait <ms>'." };
        var scanEvery = new Option<int>("--scan-every") { Description = "Generate a scan every this many milliseconds (round robin over the tents).", DefaultValueFactory = _ => 0 };
        var divisor = new Option<double>("--time-divisor") { Description = "Divide label sleeps by this (60: an hour passes in a minute).", DefaultValueFactory = _ => 1 };
        var noPng = new Option<bool>("--no-png") { Description = "Keep frames in memory only." };
        var printCredentials = new Option<bool>("--print-credentials") { Description = "Print 'user password' per device (for the broker's password file) and exit." };

        var command = new Command("simulate", "Run simulated table tents and shelf labels against an MQTT broker.")
        {
            broker, fleet, tents, labels, secret, output, duration, script, scanEvery, divisor, noPng, printCredentials,
        };
        command.SetAction(parse =>
        {
            try
            {
                var options = BuildOptions(parse.GetValue(broker), parse.GetValue(fleet), parse.GetValue(tents), parse.GetValue(labels),
                    parse.GetValue(secret), parse.GetValue(output)!, parse.GetValue(script), parse.GetValue(scanEvery),
                    parse.GetValue(divisor), !parse.GetValue(noPng));
                if (parse.GetValue(printCredentials))
                {
                    foreach (var d in options.Devices) Console.Out.WriteLine($"{d.Id} {d.Identity.MqttPassword}");
                    return 0;
                }
                return Run(options, parse.GetValue(duration), Console.Out);
            }
            catch (Exception e) when (e is SimulateException or FleetFileException)
            {
                Console.Error.WriteLine($"devices simulate: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    public static SimulationOptions BuildOptions(string? broker, FileInfo? fleetFile, int tents, int labels, string? fleetSecret,
        DirectoryInfo output, FileInfo? script, int scanEveryMs, double divisor, bool pngs)
    {
        string host = "127.0.0.1";
        int port = 1883;
        var devices = new List<FleetDevice>();
        if (fleetFile != null)
        {
            var fleet = FleetFile.Load(fleetFile.FullName);
            host = fleet.Host;
            port = fleet.Port;
            devices.AddRange(fleet.Devices);
        }
        if (tents < 0 || labels < 0) throw new SimulateException("--tents and --labels cannot be negative.");
        if (tents + labels > 0)
        {
            if (string.IsNullOrEmpty(fleetSecret)) throw new SimulateException("Generated devices need --fleet-secret (their secrets are derived from it).");
            for (int i = 1; i <= tents; i++) devices.Add(FleetDevice.Derived(fleetSecret, $"tent-{i}", DeviceKind.TableTent));
            for (int i = 1; i <= labels; i++) devices.Add(FleetDevice.Derived(fleetSecret, $"label-{i}", DeviceKind.ShelfLabel));
        }
        if (devices.Count == 0) throw new SimulateException("Nothing to simulate: give --fleet, or --tents/--labels with --fleet-secret.");
        if (broker != null) (host, port) = ParseBroker(broker);
        if (script != null && !script.Exists) throw new SimulateException($"Scan script '{script.FullName}' does not exist.");
        if (divisor <= 0) throw new SimulateException("--time-divisor must be positive.");
        if (scanEveryMs < 0) throw new SimulateException("--scan-every cannot be negative.");
        return new SimulationOptions
        {
            Host = host, Port = port, Devices = devices, OutputFolder = output.FullName, WritePngs = pngs,
            ScanScript = script?.FullName, ScanEveryMs = scanEveryMs, TimeDivisor = divisor,
            TentOptions = new TableTentOptions { FirmwareVersion = "sim" },
            LabelOptions = new ShelfLabelOptions { FirmwareVersion = "sim" },
        };
    }

    public static int Run(SimulationOptions options, int durationSeconds, TextWriter console)
    {
        using var simulation = new Simulation(options);
        using var stop = new ManualResetEventSlim(false);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Set(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            console.WriteLine($"Simulating {options.Devices.Count} devices against {options.Host}:{options.Port}; output in {options.OutputFolder}.");
            simulation.Start();
            var deadline = durationSeconds > 0 ? DateTime.UtcNow.AddSeconds(durationSeconds) : DateTime.MaxValue;
            var every = TimeSpan.FromSeconds(10);
            while (true)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero) break;
                if (stop.Wait(remaining < every ? remaining : every)) break;
                if (DateTime.UtcNow < deadline) simulation.WriteSummary(console);
            }
            simulation.Stop();
            simulation.WriteSummary(console);
            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static (string, int) ParseBroker(string text)
    {
        int colon = text.LastIndexOf(':');
        string host = colon < 0 ? text : text[..colon];
        int port = 1883;
        if (colon >= 0 && (!int.TryParse(text[(colon + 1)..], out port) || port < 1 || port > 65535))
            throw new SimulateException($"--broker '{text}': the port must be a number from 1 to 65535.");
        if (host.Length == 0) throw new SimulateException($"--broker '{text}': give a host name.");
        return (host, port);
    }
}

/// <summary>Bad arguments for simulate (one clear message).</summary>
public sealed class SimulateException(string message) : Exception(message);

using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Devices.Firmware.Core.Apps;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Protocol;
using Devices.Simulator.Fleet;
using Devices.Simulator.Hosts;

namespace Devices.Simulator;

/// <summary>What to simulate and where.</summary>
public sealed class SimulationOptions
{
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 1883;
    public IReadOnlyList<FleetDevice> Devices { get; init; } = [];
    /// <summary>Each device gets {OutputFolder}/{id}/flash and {OutputFolder}/{id}/frames.</summary>
    public string OutputFolder { get; init; } = "sim-out";
    public bool WritePngs { get; init; } = true;
    /// <summary>Scanner script for every tent (see ScriptedScanner), or null.</summary>
    public string? ScanScript { get; init; }
    /// <summary>Generate a scan on one tent after another every this many ms; 0 = off.</summary>
    public int ScanEveryMs { get; init; }
    /// <summary>Label sleeps are divided by this (60: an hour's sleep takes a minute).</summary>
    public double TimeDivisor { get; init; } = 1;
    public TableTentOptions TentOptions { get; init; } = new();
    public ShelfLabelOptions LabelOptions { get; init; } = new();
}

/// <summary>N table tents and M shelf labels, each on its own thread, against one broker.</summary>
public sealed class Simulation : IDisposable
{
    private readonly SimulationOptions _options;
    private readonly List<TableTentHost> _tents = new();
    private readonly List<ShelfLabelHost> _labels = new();
    private Timer? _scanTimer;
    private int _generated;

    public Simulation(SimulationOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        foreach (var device in options.Devices)
        {
            string folder = Path.Combine(options.OutputFolder, device.Id);
            Panel panel = Panel.Find(device.Panel, false);
            if (device.Kind == DeviceKind.TableTent)
                _tents.Add(new TableTentHost(device.Identity, options.Host, options.Port, folder, panel, options.TentOptions, options.WritePngs));
            else
                _labels.Add(new ShelfLabelHost(device.Identity, options.Host, options.Port, folder, panel, options.LabelOptions, options.WritePngs, options.TimeDivisor));
        }
    }

    public IReadOnlyList<TableTentHost> Tents => _tents;
    public IReadOnlyList<ShelfLabelHost> Labels => _labels;

    public void Start()
    {
        foreach (var tent in _tents)
        {
            if (_options.ScanScript != null)
            {
                using var reader = new StreamReader(_options.ScanScript);
                tent.Scanner.LoadScript(reader);
            }
            tent.Start();
        }
        foreach (var label in _labels) label.Start();
        if (_options.ScanEveryMs > 0 && _tents.Count > 0)
            _scanTimer = new Timer(_ => GenerateScan(), null, _options.ScanEveryMs, _options.ScanEveryMs);
    }

    public void Stop()
    {
        _scanTimer?.Dispose();
        _scanTimer = null;
        foreach (var tent in _tents) tent.Stop();
        foreach (var label in _labels) label.Stop();
    }

    /// <summary>One line per device: what it did so far.</summary>
    public void WriteSummary(TextWriter output)
    {
        foreach (var tent in _tents)
        {
            var (connected, version, queued, dropped) = tent.Read(a => (a.IsConnected, a.AppliedContentVersion, a.QueuedScans, a.DroppedScans));
            output.WriteLine($"{tent.Id}: tent, {(connected ? "online" : "offline")}, content v{version}, {tent.Display.ShownCount} frames, {queued} scans queued, {dropped} dropped{Fault(tent.Fault)}");
        }
        foreach (var label in _labels)
            output.WriteLine($"{label.Id}: label, {label.Wakes} wakes, content v{label.AppliedContentVersion}, {label.Display.ShownCount} frames, next sleep {label.LastSleepMs / 1000} s{Fault(label.Fault)}");
    }

    public void Dispose() => Stop();

    private void GenerateScan()
    {
        int n = Interlocked.Increment(ref _generated);
        var tent = _tents[(n - 1) % _tents.Count];
        tent.Scanner.Scan($"SIM-{tent.Id}-{n:D6}");
    }

    private static string Fault(Exception? e) => e == null ? "" : $", STOPPED: {e.Message}";
}

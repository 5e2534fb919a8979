using System;
using System.IO;
using System.Threading;
using Devices.Firmware.Core.Apps;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Security;
using Devices.Simulator.Hardware;
using Devices.Simulator.Mqtt;

namespace Devices.Simulator.Hosts;

/// <summary>
/// A table tent on a PC: the Core's <see cref="TableTentApp"/> stepped every few milliseconds on its own thread,
/// with an MQTTnet link, flash in {folder}/flash and frames (optionally PNGs) in {folder}/frames.
/// </summary>
public sealed class TableTentHost : IDisposable
{
    private readonly DeviceIdentity _identity;
    private readonly string _host;
    private readonly int _port;
    private readonly TableTentOptions _options;
    private readonly object _gate = new();
    private readonly SystemClock _clock;
    private Thread? _thread;
    private volatile bool _running;
    private MqttNetLink? _link;

    public TableTentHost(DeviceIdentity identity, string host, int port, string folder, Panel panel,
        TableTentOptions? options = null, bool writePngs = false, bool wallTimeKnown = false)
    {
        _identity = identity;
        _host = host;
        _port = port;
        _options = options ?? new TableTentOptions();
        Storage = new FolderStorage(Path.Combine(folder, "flash"));
        Display = new MemoryDisplay(panel, writePngs ? Path.Combine(folder, "frames") : null, identity.Id);
        _clock = new SystemClock(wallTimeKnown);
        Scanner = new ScriptedScanner(_clock);
        Led = new SimulatedLed();
        Signal = new SimulatedSignal();
        Panel = panel;
    }

    public string Id => _identity.Id;
    public Panel Panel { get; }
    public FolderStorage Storage { get; }
    public MemoryDisplay Display { get; }
    public ScriptedScanner Scanner { get; }
    public SimulatedLed Led { get; }
    public SimulatedSignal Signal { get; }
    public TableTentApp? App { get; private set; }
    /// <summary>The tent's Wi-Fi (see MqttNetLink.NetworkAvailable); kept across restarts of the host.</summary>
    public bool NetworkAvailable
    {
        get => _networkAvailable;
        set { _networkAvailable = value; if (_link != null) _link.NetworkAvailable = value; }
    }

    private bool _networkAvailable = true;

    /// <summary>An exception that stopped the loop, if any.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Boots the device (a fresh app over the stored flash) and runs its loop.</summary>
    public void Start()
    {
        if (_running) return;
        _link = new MqttNetLink(_host, _port, TimeSpan.FromSeconds(2)) { NetworkAvailable = _networkAvailable };
        var board = new Board
        {
            Panel = Panel, Display = Display, Link = _link, Storage = Storage, Clock = _clock, Scanner = Scanner,
            Power = new SimulatedPower(), Signal = Signal, Led = Led,
        };
        lock (_gate) App = new TableTentApp(_identity, board, _options);
        _running = true;
        _thread = new Thread(Loop) { IsBackground = true, Name = "tent " + Id };
        _thread.Start();
    }

    /// <summary>Power off: the loop stops and the link closes without a goodbye (the broker sends the will).</summary>
    public void Stop()
    {
        _running = false;
        _thread?.Join(10_000);
        _thread = null;
        _link?.Abort();
        _link = null;
    }

    /// <summary>Reads the app's state between steps.</summary>
    public T Read<T>(Func<TableTentApp, T> read)
    {
        lock (_gate) return read(App ?? throw new InvalidOperationException("The tent is not started."));
    }

    public void Dispose() => Stop();

    private void Loop()
    {
        try
        {
            while (_running)
            {
                lock (_gate) App!.Step();
                Thread.Sleep(5);
            }
        }
        catch (Exception e)
        {
            Fault = e;
            _running = false;
        }
    }
}

using System;
using System.IO;
using System.Threading;
using Devices.Firmware.Core.Apps;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Hal;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Security;
using Devices.Simulator.Hardware;
using Devices.Simulator.Mqtt;

namespace Devices.Simulator.Hosts;

/// <summary>
/// A shelf label on a PC. Each wake is a fresh <see cref="ShelfLabelApp"/> over the same flash folder and panel,
/// with a clock that starts at 0, exactly like an ESP32 waking from deep sleep (a reset). Between wakes the
/// thread sleeps for the requested time (divided by <see cref="TimeDivisor"/> for demos) or until the button.
/// </summary>
public sealed class ShelfLabelHost : IDisposable
{
    private readonly DeviceIdentity _identity;
    private readonly string _host;
    private readonly int _port;
    private readonly ShelfLabelOptions _options;
    private readonly AutoResetEvent _wakeSignal = new(false);
    private Thread? _thread;
    private volatile bool _running;
    private volatile bool _buttonPressed;
    private int _wakes;

    public ShelfLabelHost(DeviceIdentity identity, string host, int port, string folder, Panel panel,
        ShelfLabelOptions? options = null, bool writePngs = false, double timeDivisor = 1)
    {
        if (timeDivisor <= 0) throw new ArgumentOutOfRangeException(nameof(timeDivisor), "The time divisor must be positive.");
        _identity = identity;
        _host = host;
        _port = port;
        _options = options ?? new ShelfLabelOptions();
        Storage = new FolderStorage(Path.Combine(folder, "flash"));
        Display = new MemoryDisplay(panel, writePngs ? Path.Combine(folder, "frames") : null, identity.Id);
        Led = new SimulatedLed();
        Battery = new SimulatedBattery();
        Signal = new SimulatedSignal();
        Panel = panel;
        TimeDivisor = timeDivisor;
    }

    public string Id => _identity.Id;
    public Panel Panel { get; }
    public FolderStorage Storage { get; }
    public MemoryDisplay Display { get; }
    public SimulatedLed Led { get; }
    public SimulatedBattery Battery { get; }
    public SimulatedSignal Signal { get; }
    public double TimeDivisor { get; }
    public Exception? Fault { get; private set; }

    /// <summary>Wakes completed (each ended in deep sleep).</summary>
    public int Wakes => Volatile.Read(ref _wakes);

    /// <summary>The sleep the last wake asked for, in device milliseconds.</summary>
    public long LastSleepMs { get; private set; } = -1;

    public uint AppliedContentVersion { get; private set; }

    /// <summary>True while a wake is in progress (radio on).</summary>
    public bool IsAwake { get; private set; }

    public void Start()
    {
        if (_running) return;
        _running = true;
        _thread = new Thread(Loop) { IsBackground = true, Name = "label " + Id };
        _thread.Start();
    }

    /// <summary>The wake button: ends the current sleep at once.</summary>
    public void PressButton()
    {
        _buttonPressed = true;
        _wakeSignal.Set();
    }

    public void Stop()
    {
        _running = false;
        _wakeSignal.Set();
        _thread?.Join(15_000);
        _thread = null;
    }

    public void Dispose()
    {
        Stop();
        _wakeSignal.Dispose();
    }

    private void Loop()
    {
        var cause = WakeCause.Reset;
        try
        {
            while (_running)
            {
                long sleepMs = RunOneWake(cause);
                Interlocked.Increment(ref _wakes);
                if (!_running) break;
                _wakeSignal.WaitOne(TimeSpan.FromMilliseconds(Math.Max(0, sleepMs / TimeDivisor)));
                cause = _buttonPressed ? WakeCause.Button : WakeCause.Timer;
                _buttonPressed = false;
            }
        }
        catch (Exception e)
        {
            Fault = e;
            _running = false;
        }
    }

    private long RunOneWake(WakeCause cause)
    {
        using var link = new MqttNetLink(_host, _port, TimeSpan.FromSeconds(2));
        var power = new SimulatedPower(cause);
        var board = new Board
        {
            Panel = Panel, Display = Display, Link = link, Storage = Storage, Clock = new SystemClock(), Power = power,
            Battery = Battery, Signal = Signal, Led = Led,
        };
        IsAwake = true;
        var app = new ShelfLabelApp(_identity, board, _options);
        while (_running && !app.IsAsleep)
        {
            app.Step();
            Thread.Sleep(5);
        }
        AppliedContentVersion = app.AppliedContentVersion;
        LastSleepMs = app.IsAsleep ? app.SleepMs : 0;
        IsAwake = false;
        return LastSleepMs;
    }
}

using System;
using System.Collections.Generic;
using Devices.Firmware.Core.Hal;
using Devices.Firmware.Core.Protocol;

namespace Devices.Simulator.Hardware;

/// <summary>
/// Deep sleep on a PC. DeepSleep returns (a real ESP32 never does): it records the request, the app goes idle,
/// and the host stops stepping it, waits, and boots a fresh app over the same storage, which is what a wake from
/// deep sleep is on the device.
/// </summary>
public sealed class SimulatedPower : IPower
{
    public SimulatedPower(WakeCause wakeCause = WakeCause.Reset) { WakeCause = wakeCause; }

    public WakeCause WakeCause { get; }

    /// <summary>The requested sleep, or -1 while the app is awake.</summary>
    public long SleepRequestedMs { get; private set; } = -1;

    public bool IsAsleep => SleepRequestedMs >= 0;

    public void DeepSleep(long durationMs)
    {
        if (durationMs < 0) throw new ArgumentOutOfRangeException(nameof(durationMs), "Sleep cannot be negative.");
        SleepRequestedMs = durationMs;
    }
}

/// <summary>A battery whose voltage the test or the simulator sets (a rough Li-SOCl2/alkaline curve for percent).</summary>
public sealed class SimulatedBattery : IBattery
{
    public SimulatedBattery(int millivolts = 3000) { Millivolts = millivolts; }

    public int Millivolts { get; set; }

    /// <summary>Linear between 2400 mV (empty) and 3200 mV (full), clamped.</summary>
    public int Percent => Math.Clamp((Millivolts - 2400) * 100 / 800, 0, 100);
}

/// <summary>An LED that remembers what it was told.</summary>
public sealed class SimulatedLed : ILed
{
    private readonly List<string> _log = new();

    public bool IsOn { get; private set; }
    public int FlashCount { get; private set; }
    public string[] Log { get { lock (_log) return _log.ToArray(); } }

    public void Set(bool on)
    {
        lock (_log) { IsOn = on; _log.Add(on ? "on" : "off"); }
    }

    public void Flash(int onMs, int offMs, int times)
    {
        lock (_log) { FlashCount++; IsOn = false; _log.Add($"flash {onMs}/{offMs} x{times}"); }
    }
}

/// <summary>A Wi-Fi link whose strength the test sets.</summary>
public sealed class SimulatedSignal : ISignal
{
    public bool IsAssociated { get; set; } = true;
    public int Rssi { get; set; } = -58;
    public int RssiDbm => IsAssociated ? Rssi : 0;
}

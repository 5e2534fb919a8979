using System;
using System.Diagnostics;
using Devices.Firmware.Core.Hal;

namespace Devices.Simulator.Hardware;

/// <summary>
/// The PC's clocks as a device sees them after a reset: the monotonic counter starts at 0, and wall time is
/// unknown unless <paramref name="wallTimeKnown"/> says SNTP worked (the device then learns it from the gateway).
/// </summary>
public sealed class SystemClock : IClock
{
    private readonly Stopwatch _sinceBoot = Stopwatch.StartNew();

    public SystemClock(bool wallTimeKnown = false) { IsWallTimeKnown = wallTimeKnown; }

    public long MonotonicMs => _sinceBoot.ElapsedMilliseconds;
    public bool IsWallTimeKnown { get; }
    public long UnixSeconds => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}

/// <summary>A clock the test moves by hand. Thread-safe.</summary>
public sealed class ManualClock : IClock
{
    private long _monotonicMs;
    private long _unixMs;
    private bool _wallKnown;

    /// <param name="unixSeconds">Wall time at monotonic 0 (whether the device knows it is a separate flag).</param>
    public ManualClock(long unixSeconds = 1_767_225_600, bool wallTimeKnown = false)
    {
        _unixMs = unixSeconds * 1000;
        _wallKnown = wallTimeKnown;
    }

    public long MonotonicMs => System.Threading.Interlocked.Read(ref _monotonicMs);
    public bool IsWallTimeKnown { get => _wallKnown; set => _wallKnown = value; }
    public long UnixSeconds => System.Threading.Interlocked.Read(ref _unixMs) / 1000;

    /// <summary>Moves both clocks forward.</summary>
    public void Advance(long ms)
    {
        if (ms < 0) throw new ArgumentOutOfRangeException(nameof(ms), "Time does not go back.");
        System.Threading.Interlocked.Add(ref _monotonicMs, ms);
        System.Threading.Interlocked.Add(ref _unixMs, ms);
    }

    /// <summary>A reset: the monotonic counter restarts at 0, wall time runs on (the ESP32's RTC keeps counting in deep sleep).</summary>
    public void Reboot() => System.Threading.Interlocked.Exchange(ref _monotonicMs, 0);
}

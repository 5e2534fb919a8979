using Devices.Firmware.Core.Hal;

namespace Devices.Firmware.Core.Tests.Fakes;

/// <summary>A clock the test sets and advances. Wall time starts unknown.</summary>
public sealed class FakeClock : IClock
{
    private long _unixMs;

    public long MonotonicMs { get; set; }

    public bool IsWallTimeKnown { get; set; }

    public long UnixSeconds => _unixMs / 1000;

    /// <summary>Sets wall time (and marks it known).</summary>
    public void SetWallTime(long unixSeconds)
    {
        _unixMs = unixSeconds * 1000;
        IsWallTimeKnown = true;
    }

    /// <summary>Advances both clocks.</summary>
    public void Advance(long ms)
    {
        MonotonicMs += ms;
        _unixMs += ms;
    }
}

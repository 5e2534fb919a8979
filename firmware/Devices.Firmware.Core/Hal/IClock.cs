namespace Devices.Firmware.Core.Hal
{
    /// <summary>Time sources: a monotonic counter for intervals and wall time for tokens and scan reports.</summary>
    public interface IClock
    {
        /// <summary>Milliseconds since boot; never goes back (restarts at 0 after a reset or deep sleep).</summary>
        long MonotonicMs { get; }

        /// <summary>True once wall time came from SNTP or the gateway; false means UnixSeconds must not be used.</summary>
        bool IsWallTimeKnown { get; }

        /// <summary>Seconds since 1970-01-01 UTC; meaningless while IsWallTimeKnown is false.</summary>
        long UnixSeconds { get; }
    }
}

using Devices.Firmware.Core.Hal;

namespace Devices.Firmware.Core.Apps
{
    /// <summary>
    /// Wall time for tokens and scan reports: the gateway's time from its welcome (always available, even on a
    /// LAN that blocks NTP) carried forward by the monotonic clock, else the platform's clock once SNTP set it.
    /// </summary>
    public sealed class WallClock
    {
        private readonly IClock _clock;
        private bool _fromGateway;
        private long _offsetMs; // unix ms = monotonic ms + offset

        public WallClock(IClock clock)
        {
            _clock = clock;
        }

        public bool IsKnown { get { return _fromGateway || _clock.IsWallTimeKnown; } }

        /// <summary>Seconds since 1970; only meaningful while IsKnown.</summary>
        public long UnixSeconds
        {
            get { return _fromGateway ? (_clock.MonotonicMs + _offsetMs) / 1000 : _clock.UnixSeconds; }
        }

        /// <summary>Takes the time from a welcome message (unix seconds, as sent).</summary>
        public void SetFromGateway(uint unixSeconds)
        {
            _offsetMs = (long)unixSeconds * 1000 - _clock.MonotonicMs;
            _fromGateway = true;
        }
    }
}

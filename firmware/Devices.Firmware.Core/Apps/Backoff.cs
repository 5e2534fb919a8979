using System;

namespace Devices.Firmware.Core.Apps
{
    /// <summary>
    /// Reconnect delays: exponential from an initial delay up to a cap, with "equal jitter" (a random point in the
    /// upper half of the delay), so a store's devices do not all reconnect in the same second after a broker restart.
    /// </summary>
    public sealed class Backoff
    {
        private readonly long _initialMs;
        private readonly long _maxMs;
        private readonly Random _random;

        public Backoff(long initialMs, long maxMs, int seed)
        {
            if (initialMs < 1 || maxMs < initialMs) throw new ArgumentException("Backoff needs 1 <= initial <= max.");
            _initialMs = initialMs;
            _maxMs = maxMs;
            _random = new Random(seed);
        }

        /// <summary>Failures since the last success.</summary>
        public int Failures { get; private set; }

        /// <summary>The delay before the next attempt; counts one more failure.</summary>
        public long NextDelayMs()
        {
            long delay = _initialMs;
            for (int i = 0; i < Failures && delay < _maxMs; i++) delay *= 2;
            if (delay > _maxMs) delay = _maxMs;
            Failures++;
            long half = delay / 2;
            int span = half + 1 > int.MaxValue ? int.MaxValue : (int)(half + 1); // no Math.Min(long) on nanoFramework
            return delay - half + _random.Next(span);
        }

        public void Reset()
        {
            Failures = 0;
        }

        /// <summary>A seed that differs per device (so jitter differs too) and is the same on every boot.</summary>
        public static int SeedFor(string deviceId)
        {
            int h = 17;
            for (int i = 0; i < deviceId.Length; i++) h = h * 31 + deviceId[i];
            return h;
        }
    }
}

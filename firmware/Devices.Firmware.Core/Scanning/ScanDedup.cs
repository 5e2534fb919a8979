using System;

namespace Devices.Firmware.Core.Scanning
{
    /// <summary>
    /// Collapses repeats: a scanner in continuous mode reads a code held in front of it several times a second.
    /// A scan equal to the previous one, seen less than the window after the previous sighting, is a repeat. The
    /// window restarts at every sighting, so a code held still for a minute is one scan; only the last code is
    /// remembered (A, B, A within the window gives three scans).
    /// </summary>
    public sealed class ScanDedup
    {
        public const int DefaultWindowMs = 2000;

        private readonly byte[] _last;
        private readonly long _windowMs;
        private int _lastLength = -1; // -1: nothing seen yet
        private long _lastSeenMs;

        /// <summary>A 2 s window for scans up to 512 bytes.</summary>
        public ScanDedup() : this(DefaultWindowMs, ScanFramer.DefaultMaxLength) { }

        public ScanDedup(long windowMs, int maxLength)
        {
            if (windowMs < 0) throw new ArgumentOutOfRangeException("windowMs", "the repeat window cannot be negative");
            if (maxLength < 1) throw new ArgumentOutOfRangeException("maxLength", "the scan length limit must be at least 1 byte");
            _windowMs = windowMs;
            _last = new byte[maxLength];
        }

        /// <summary>True when this scan repeats the previous one within the window (drop it); remembers it either way.</summary>
        public bool IsRepeat(byte[] data, int count, long nowMs)
        {
            if (data == null) throw new ArgumentNullException("data");
            if (count < 0 || count > data.Length) throw new ArgumentOutOfRangeException("count", "count must lie inside data");
            if (count > _last.Length) count = _last.Length; // compare what we can keep; the framer never gives more
            bool same = _lastLength == count && nowMs - _lastSeenMs < _windowMs;
            for (int i = 0; same && i < count; i++) same = _last[i] == data[i];
            if (!same)
            {
                Array.Copy(data, 0, _last, 0, count);
                _lastLength = count;
            }
            _lastSeenMs = nowMs;
            return same;
        }
    }
}

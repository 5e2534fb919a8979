using System;

namespace Devices.Firmware.Core.Scanning
{
    /// <summary>One scan as queued for the gateway.</summary>
    public sealed class ScanRecord
    {
        public const int MaxDataLength = 512;

        /// <summary>Per-device sequence number (ScanSequence).</summary>
        public readonly uint Sequence;

        /// <summary>Wall time of the scan in unix seconds, or 0 when the clock was not known yet.</summary>
        public readonly uint UnixSeconds;

        /// <summary>IClock.MonotonicMs at the scan; gives the age of the scan while FromThisBoot is true.</summary>
        public readonly long MonotonicMs;

        /// <summary>The scan was longer than the framer's limit and Data holds only its start.</summary>
        public readonly bool Truncated;

        /// <summary>The scanned bytes, without terminator.</summary>
        public readonly byte[] Data;

        /// <summary>True when recorded in this boot (MonotonicMs is comparable with the clock); false when read back after a reboot. Not stored.</summary>
        public readonly bool FromThisBoot;

        /// <summary>Copies count bytes of data from offset.</summary>
        public ScanRecord(uint sequence, uint unixSeconds, long monotonicMs, bool truncated, byte[] data, int offset, int count)
            : this(sequence, unixSeconds, monotonicMs, truncated, data, offset, count, true) { }

        internal ScanRecord(uint sequence, uint unixSeconds, long monotonicMs, bool truncated, byte[] data, int offset, int count, bool fromThisBoot)
        {
            if (data == null) throw new ArgumentNullException("data");
            if (offset < 0 || count < 0 || offset > data.Length - count)
                throw new ArgumentOutOfRangeException("count", "offset and count must lie inside data");
            if (count > MaxDataLength) throw new ArgumentException("a scan holds at most 512 bytes", "count");
            Sequence = sequence;
            UnixSeconds = unixSeconds;
            MonotonicMs = monotonicMs;
            Truncated = truncated;
            Data = new byte[count];
            Array.Copy(data, offset, Data, 0, count);
            FromThisBoot = fromThisBoot;
        }

        /// <summary>
        /// Unix time of the scan: the stored one, or, when it was unknown and the scan is from this boot, now minus
        /// its age. 0 when it cannot be known.
        /// </summary>
        public long EstimateUnixSeconds(long nowMonotonicMs, bool wallTimeKnown, long nowUnixSeconds)
        {
            if (UnixSeconds != 0) return UnixSeconds;
            if (!FromThisBoot || !wallTimeKnown) return 0;
            return nowUnixSeconds - (nowMonotonicMs - MonotonicMs) / 1000;
        }
    }
}

using System;
using Devices.Firmware.Core.Hal;

namespace Devices.Firmware.Core.Scanning
{
    /// <summary>
    /// Per-device scan sequence numbers that survive reboots and are never reused (the gateway dedups by
    /// device and sequence, so a reused number would silently swallow a scan). Gaps are fine.
    /// Numbers are reserved in blocks: flash keeps the first number not yet reserved, and it is raised by a
    /// block before any number of the new block is handed out. A reboot therefore skips at most one block, and
    /// one flash write serves a block of scans. Numbers start at 1.
    /// </summary>
    public sealed class ScanSequence
    {
        public const int DefaultBlockSize = 16;
        public const string DefaultFileName = "scanseq";

        private readonly AlternatingFile _file;
        private readonly uint _blockSize;
        private uint _next;
        private uint _reservedUpTo; // first number not covered by the stored reservation

        /// <summary>Sequence kept in "scanseq.a/.b", reserving 16 numbers per write.</summary>
        public ScanSequence(IStorage storage) : this(storage, DefaultFileName, DefaultBlockSize) { }

        public ScanSequence(IStorage storage, string fileName, int blockSize)
        {
            if (blockSize < 1) throw new ArgumentOutOfRangeException("blockSize", "the reservation block must hold at least one number");
            _file = new AlternatingFile(storage, fileName);
            _blockSize = (uint)blockSize;
            byte[]? stored = _file.Value;
            _reservedUpTo = stored != null && stored.Length == 4 ? BigEndian.ReadUInt32(stored, 0) : 1;
            if (_reservedUpTo == 0) _reservedUpTo = 1;
            _next = _reservedUpTo; // whatever the last boot reserved may have been used
        }

        /// <summary>The number the next call to Next will return (reserved or not).</summary>
        public uint Peek { get { return _next; } }

        /// <summary>The next sequence number. Throws (and hands out nothing) if the reservation cannot be stored.</summary>
        public uint Next()
        {
            if (_next >= _reservedUpTo)
            {
                uint upTo = _next + _blockSize;
                if (upTo < _next) throw new InvalidOperationException("scan sequence numbers are exhausted");
                var payload = new byte[4];
                BigEndian.WriteUInt32(payload, 0, upTo);
                _file.Write(payload);
                _reservedUpTo = upTo;
            }
            return _next++;
        }
    }
}

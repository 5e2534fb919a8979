using System;

namespace Devices.Firmware.Core.Scanning
{
    /// <summary>
    /// One complete scan. data is the framer's own buffer and is valid only during the call: copy what you keep.
    /// truncated is true when the scan was longer than the limit and only its first count bytes are given.
    /// </summary>
    public delegate void ScanFramedHandler(byte[] data, int count, bool truncated);

    /// <summary>
    /// Turns the scanner's byte stream into scans. A scan ends at CR, LF or TAB (so CRLF ends it once: empty scans
    /// are never reported), or after a silence, for scanners configured without a terminator. A scan longer than
    /// the limit is reported cut and flagged, and the rest of it, up to the next end, is discarded. The buffer is
    /// allocated once; nothing is allocated per byte or per scan.
    /// </summary>
    public sealed class ScanFramer
    {
        public const int DefaultMaxLength = 512;
        public const int DefaultSilenceMs = 50;

        private readonly ScanFramedHandler _onScan;
        private readonly byte[] _buffer;
        private readonly int _silenceMs;
        private int _length;
        private bool _discarding; // the current scan was already reported truncated; drop bytes until its end
        private long _lastByteMs;

        /// <summary>Framer with a 512-byte limit and a 50 ms silence timeout.</summary>
        public ScanFramer(ScanFramedHandler onScan) : this(onScan, DefaultMaxLength, DefaultSilenceMs) { }

        /// <summary>silenceMs 0 turns the silence timeout off (terminators only).</summary>
        public ScanFramer(ScanFramedHandler onScan, int maxLength, int silenceMs)
        {
            if (onScan == null) throw new ArgumentNullException("onScan");
            if (maxLength < 1) throw new ArgumentOutOfRangeException("maxLength", "the scan length limit must be at least 1 byte");
            if (silenceMs < 0) throw new ArgumentOutOfRangeException("silenceMs", "the silence timeout cannot be negative");
            _onScan = onScan;
            _buffer = new byte[maxLength];
            _silenceMs = silenceMs;
        }

        /// <summary>Bytes of the scan being received (0 between scans).</summary>
        public int PendingLength { get { return _length; } }

        /// <summary>Feeds bytes read from the scanner at time nowMs (monotonic).</summary>
        public void Push(byte[] data, int offset, int count, long nowMs)
        {
            if (data == null) throw new ArgumentNullException("data");
            if (offset < 0 || count < 0 || offset > data.Length - count)
                throw new ArgumentOutOfRangeException("count", "offset and count must lie inside data");
            if (count == 0) return;
            Tick(nowMs); // bytes after a silence start a new scan
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                byte b = data[i];
                if (b == 13 || b == 10 || b == 9)
                {
                    EndScan();
                }
                else if (_discarding)
                {
                    // still inside an oversize scan
                }
                else if (_length == _buffer.Length)
                {
                    _onScan(_buffer, _length, true);
                    _length = 0;
                    _discarding = true;
                }
                else
                {
                    _buffer[_length++] = b;
                }
            }
            _lastByteMs = nowMs;
        }

        /// <summary>Call from the app loop: ends the pending scan once the line has been silent for the timeout.</summary>
        public void Tick(long nowMs)
        {
            if (_silenceMs == 0) return;
            if ((_length > 0 || _discarding) && nowMs - _lastByteMs >= _silenceMs) EndScan();
        }

        /// <summary>Forgets a partly received scan (e.g. after reconfiguring the scanner).</summary>
        public void Reset()
        {
            _length = 0;
            _discarding = false;
        }

        private void EndScan()
        {
            int length = _length;
            _length = 0;
            _discarding = false;
            if (length > 0) _onScan(_buffer, length, false);
        }
    }
}

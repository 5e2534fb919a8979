using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Devices.Firmware.Core.Hal;

namespace Devices.Simulator.Hardware;

/// <summary>
/// A scanner module whose reads come from a script or from code. Each scan becomes its text plus CR on the
/// "UART", released when the device's clock reaches its time, so a fake clock controls it in tests.
/// Script lines: "wait 500" (milliseconds after the previous line), "# comment", blank, or the text to scan.
/// </summary>
public sealed class ScriptedScanner : IScanner
{
    private readonly IClock _clock;
    private readonly Queue<(long AtMs, byte[] Bytes)> _pending = new();
    private readonly object _gate = new();
    private byte[] _current = Array.Empty<byte>();
    private int _currentOffset;
    private long _scriptTimeMs;

    public ScriptedScanner(IClock clock, bool present = true)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        IsPresent = present;
    }

    public bool IsPresent { get; }
    public int Triggers { get; private set; }

    /// <summary>Queues a scan for now (or after the ones already queued).</summary>
    public void Scan(string text) => ScanAt(_clock.MonotonicMs, text);

    /// <summary>Queues a scan released when the device's monotonic clock reaches atMs.</summary>
    public void ScanAt(long atMs, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text + "\r");
        lock (_gate) _pending.Enqueue((atMs, bytes));
    }

    /// <summary>Queues a script (see the class summary), starting at the device's current time.</summary>
    public void LoadScript(TextReader script)
    {
        _scriptTimeMs = _clock.MonotonicMs;
        string? line;
        int number = 0;
        while ((line = script.ReadLine()) != null)
        {
            number++;
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            if (trimmed.StartsWith("wait ", StringComparison.Ordinal))
            {
                if (!long.TryParse(trimmed.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out long ms))
                    throw new FormatException($"Scanner script line {number}: 'wait' takes whole milliseconds, e.g. 'wait 500'.");
                _scriptTimeMs += ms;
                continue;
            }
            ScanAt(_scriptTimeMs, trimmed);
        }
    }

    /// <summary>Scans not yet fully read by the device.</summary>
    public int PendingScans { get { lock (_gate) return _pending.Count + (_currentOffset < _current.Length ? 1 : 0); } }

    public int Read(byte[] buffer, int offset, int count)
    {
        lock (_gate)
        {
            if (_currentOffset >= _current.Length)
            {
                if (_pending.Count == 0 || _pending.Peek().AtMs > _clock.MonotonicMs) return 0;
                _current = _pending.Dequeue().Bytes;
                _currentOffset = 0;
            }
            int n = Math.Min(count, _current.Length - _currentOffset);
            Array.Copy(_current, _currentOffset, buffer, offset, n);
            _currentOffset += n;
            return n;
        }
    }

    public bool Configure() => IsPresent;

    public void Trigger() => Triggers++;
}

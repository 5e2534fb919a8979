using System;
using System.Collections.Generic;
using System.Linq;
using Devices.Firmware.Core.Hal;

namespace Devices.Firmware.Core.Tests.Fakes;

/// <summary>The power went off in the middle of a storage operation; the device is dead until Reboot.</summary>
public sealed class PowerCutException : Exception
{
    public PowerCutException() : base("simulated power cut") { }
}

/// <summary>How MemoryStorage performs Write, i.e. what a power cut in the middle leaves behind.</summary>
public enum WriteMode
{
    /// <summary>Like FolderStorage: bytes go to name.tmp, then a rename replaces name. A cut leaves a torn temp file.</summary>
    Atomic,

    /// <summary>Like a flash file system without atomic replace: name is truncated and rewritten. A cut leaves name torn.</summary>
    InPlace,
}

/// <summary>
/// Files in memory that can lose power at any step. Every mutation is counted in steps: creating or truncating
/// a file, each byte written, a rename, a delete. CutPowerAfter(n) lets n more steps happen and then fails the
/// next one (and everything after it) with PowerCutException, leaving the files exactly as a real cut would.
/// </summary>
public sealed class MemoryStorage : IStorage
{
    private readonly SortedDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private long _cutAt = -1;

    public WriteMode Mode { get; set; } = WriteMode.Atomic;

    /// <summary>Mutation steps done so far.</summary>
    public long Steps { get; private set; }

    /// <summary>Successful Write calls so far.</summary>
    public int Writes { get; private set; }

    public bool PowerIsOff { get; private set; }

    public IReadOnlyCollection<string> Names => _files.Keys;

    /// <summary>Allows stepsFromNow more steps, then cuts the power.</summary>
    public void CutPowerAfter(long stepsFromNow) => _cutAt = Steps + stepsFromNow;

    /// <summary>Power back on; no cut armed. The files stay as the cut left them.</summary>
    public void Reboot()
    {
        PowerIsOff = false;
        _cutAt = -1;
    }

    public MemoryStorage Clone()
    {
        var copy = new MemoryStorage { Mode = Mode };
        foreach (var (name, data) in _files) copy._files[name] = (byte[])data.Clone();
        return copy;
    }

    public byte[] RawRead(string name) => _files[name];

    public void RawWrite(string name, byte[] data) => _files[name] = (byte[])data.Clone();

    public bool Exists(string name)
    {
        Alive();
        StorageNames.Check(name);
        return _files.ContainsKey(name);
    }

    public byte[]? Read(string name)
    {
        Alive();
        StorageNames.Check(name);
        return _files.TryGetValue(name, out var data) ? (byte[])data.Clone() : null;
    }

    public void Write(string name, byte[] data, int offset, int count)
    {
        Alive();
        StorageNames.Check(name);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, data.Length - offset);
        string target = Mode == WriteMode.Atomic ? name + ".tmp" : name;
        Step();
        var written = new List<byte>(count);
        _files[target] = [];
        for (int i = 0; i < count; i++)
        {
            Step();
            written.Add(data[offset + i]);
            _files[target] = written.ToArray();
        }
        if (Mode == WriteMode.Atomic)
        {
            Step();
            _files[name] = _files[target];
            _files.Remove(target);
        }
        Writes++;
    }

    public void Delete(string name)
    {
        Alive();
        StorageNames.Check(name);
        Step();
        _files.Remove(name);
    }

    public string[] List(string prefix)
    {
        Alive();
        return _files.Keys.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
    }

    private void Alive()
    {
        if (PowerIsOff) throw new PowerCutException();
    }

    private void Step()
    {
        if (_cutAt >= 0 && Steps >= _cutAt)
        {
            PowerIsOff = true;
            throw new PowerCutException();
        }
        Steps++;
    }
}

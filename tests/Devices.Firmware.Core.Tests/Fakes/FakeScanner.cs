using System;
using System.Collections.Generic;
using System.Text;
using Devices.Firmware.Core.Hal;

namespace Devices.Firmware.Core.Tests.Fakes;

/// <summary>A scanner whose UART receive buffer the test fills.</summary>
public sealed class FakeScanner : IScanner
{
    private readonly Queue<byte> _received = new();

    public bool IsPresent { get; set; } = true;

    public int Triggers { get; private set; }

    public int Configurations { get; private set; }

    /// <summary>What Configure answers.</summary>
    public bool ConfigureSucceeds { get; set; } = true;

    /// <summary>Bytes arriving on the UART.</summary>
    public void Receive(byte[] bytes)
    {
        foreach (var b in bytes) _received.Enqueue(b);
    }

    public void Receive(string text) => Receive(Encoding.UTF8.GetBytes(text));

    public int Read(byte[] buffer, int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, buffer.Length - offset);
        int n = 0;
        while (n < count && _received.Count > 0) buffer[offset + n++] = _received.Dequeue();
        return n;
    }

    public bool Configure()
    {
        Configurations++;
        return ConfigureSucceeds;
    }

    public void Trigger() => Triggers++;
}

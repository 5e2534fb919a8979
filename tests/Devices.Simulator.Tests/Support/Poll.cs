using System;
using System.Diagnostics;
using System.Threading;

namespace Devices.Simulator.Tests.Support;

/// <summary>Bounded waits: poll a condition every few milliseconds until it holds or the time is up.</summary>
public static class Poll
{
    public static bool Until(Func<bool> condition, int timeoutMs = 5000)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (condition()) return true;
            if (watch.ElapsedMilliseconds > timeoutMs) return false;
            Thread.Sleep(5);
        }
    }

    public static void Require(Func<bool> condition, string what, int timeoutMs = 5000) => Require(condition, () => what, timeoutMs);

    /// <summary>describe runs after the timeout, so it can report the state at that moment.</summary>
    public static void Require(Func<bool> condition, Func<string> describe, int timeoutMs = 5000)
    {
        if (!Until(condition, timeoutMs)) throw new Xunit.Sdk.XunitException($"Timed out after {timeoutMs} ms waiting for: {describe()}");
    }
}

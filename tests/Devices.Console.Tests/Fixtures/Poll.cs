using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Devices.Console.Tests.Fixtures;

public static class Poll
{
    /// <summary>Waits until the condition holds; fails the test with <paramref name="what"/> after the timeout.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, int timeoutMs = 15_000)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.ElapsedMilliseconds > timeoutMs) throw new TimeoutException($"Timed out after {timeoutMs} ms waiting for: {what}");
            await Task.Delay(20);
        }
    }
}

using System;
using System.Collections.Concurrent;

namespace Devices.Gateway.StaffConsole;

/// <summary>
/// Slows down password guessing: after <see cref="MaxFailures"/> wrong sign-ins for one name, or
/// <see cref="MaxFailuresPerAddress"/> from one address (higher: a shop's phones may share one, as may a reverse
/// proxy's clients), within <see cref="Window"/>, further tries are refused until the window has passed. A right
/// password clears its name's count.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int MaxFailures = 10;
    public const int MaxFailuresPerAddress = 50;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (int Count, DateTimeOffset Since)> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the caller must wait before trying again; zero when it may try now.</summary>
    public TimeSpan WaitFor(string name, string address)
    {
        var now = time.GetUtcNow();
        var wait = TimeSpan.Zero;
        foreach (var key in Keys(name, address))
        {
            int max = key.StartsWith("ip:", StringComparison.Ordinal) ? MaxFailuresPerAddress : MaxFailures;
            if (_failures.TryGetValue(key, out var f) && f.Count >= max && now - f.Since < Window)
            {
                var left = Window - (now - f.Since);
                if (left > wait) wait = left;
            }
        }
        return wait;
    }

    public void Failed(string name, string address)
    {
        var now = time.GetUtcNow();
        foreach (var key in Keys(name, address))
        {
            _failures.AddOrUpdate(key, _ => (1, now), (_, f) => now - f.Since >= Window ? (1, now) : (f.Count + 1, f.Since));
        }
        if (_failures.Count > 10_000) Prune(now);
    }

    public void Succeeded(string name) => _failures.TryRemove("name:" + name.Trim().ToUpperInvariant(), out _);

    private static string[] Keys(string name, string address) => ["name:" + name.Trim().ToUpperInvariant(), "ip:" + address];

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, f) in _failures) if (now - f.Since >= Window) _failures.TryRemove(key, out _);
    }
}

using System;
using System.Globalization;
using System.Net.Http.Headers;

namespace Devices.Gateway.Relay;

/// <summary>When to try again after a failed delivery.</summary>
public static class RetryDelay
{
    /// <summary>
    /// Exponential backoff with full jitter: uniform in [0, min(cap, base · 2^failures)). Spreads retries of many
    /// events so a recovering backend is not hit by all of them at once.
    /// </summary>
    public static TimeSpan Backoff(int failuresBefore, TimeSpan baseDelay, TimeSpan cap, Random random)
    {
        double ceiling = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failuresBefore, 30));
        ceiling = Math.Min(ceiling, cap.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(random.NextDouble() * ceiling);
    }

    /// <summary>The response's Retry-After (delta seconds or an HTTP date) as a delay from <paramref name="now"/>.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header is null) return null;
        if (header.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date) return date <= now ? TimeSpan.Zero : date - now;
        return null;
    }

    /// <summary>Parses a raw Retry-After value (for callers without typed headers).</summary>
    public static TimeSpan? RetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
            return TimeSpan.FromSeconds(seconds);
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? (date <= now ? TimeSpan.Zero : date - now)
            : null;
    }
}

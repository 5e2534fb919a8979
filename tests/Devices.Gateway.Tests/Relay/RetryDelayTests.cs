using System;
using System.Net.Http.Headers;
using Devices.Gateway.Relay;

namespace Devices.Gateway.Tests.Relay;

public class RetryDelayTests
{
    [Fact]
    public void Backoff_is_full_jitter_under_an_exponential_ceiling_capped()
    {
        var random = new Random(7);
        var baseDelay = TimeSpan.FromSeconds(1);
        var cap = TimeSpan.FromSeconds(30);
        for (int failures = 0; failures < 12; failures++)
        {
            double ceiling = Math.Min(1000 * Math.Pow(2, failures), 30_000);
            double max = 0, min = double.MaxValue;
            for (int i = 0; i < 2000; i++)
            {
                double ms = RetryDelay.Backoff(failures, baseDelay, cap, random).TotalMilliseconds;
                Assert.InRange(ms, 0, ceiling);
                max = Math.Max(max, ms);
                min = Math.Min(min, ms);
            }
            // Spread over the whole range: that is what "full jitter" means.
            Assert.True(max > ceiling * 0.95 && min < ceiling * 0.05, $"failures {failures}: {min}..{max} of {ceiling}");
        }
    }

    [Fact]
    public void Retry_after_reads_seconds_and_http_dates()
    {
        var now = new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(120), RetryDelay.RetryAfter("120", now));
        Assert.Equal(TimeSpan.FromSeconds(90), RetryDelay.RetryAfter("Mon, 23 Nov 2026 02:01:30 GMT", now));
        Assert.Equal(TimeSpan.Zero, RetryDelay.RetryAfter("Mon, 23 Nov 2026 01:00:00 GMT", now));
        Assert.Null(RetryDelay.RetryAfter("soon", now));
        Assert.Equal(TimeSpan.FromSeconds(3), RetryDelay.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)), now));
        Assert.Equal(TimeSpan.FromSeconds(90), RetryDelay.RetryAfter(new RetryConditionHeaderValue(now.AddSeconds(90)), now));
    }
}

using System;
using System.Globalization;

namespace Devices.Cli.Power;

/// <summary>Durations as people type them: 90s, 5m, 60m, 1h, 1d (one number, one unit).</summary>
public static class Duration
{
    public static TimeSpan Parse(string text)
    {
        var t = text.Trim();
        if (t.Length >= 2 && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            switch (t[^1])
            {
                case 's': return TimeSpan.FromSeconds(n);
                case 'm': return TimeSpan.FromMinutes(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'd': return TimeSpan.FromDays(n);
            }
        }
        throw new UserError($"'{text}' is not a duration: write a positive number and a unit, e.g. 90s, 5m, 60m, 1h or 1d.");
    }
}

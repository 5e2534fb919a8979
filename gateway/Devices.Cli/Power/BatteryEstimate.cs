using System;
using Devices.Cli.Boards;

namespace Devices.Cli.Power;

/// <summary>
/// A shelf label's daily charge budget and battery life from its board's measured figures:
/// wakes × charge per wake + sleep current × time asleep + refreshes × refresh energy / rail voltage
/// + self-discharge (a fixed share of the capacity per year).
/// </summary>
public sealed record BatteryEstimate(
    double WakesPerDay,
    double RefreshesPerDay,
    double WakeMahPerDay,
    double SleepMahPerDay,
    double RefreshMahPerDay,
    double SelfDischargeMahPerDay,
    double CapacityMah)
{
    public double TotalMahPerDay => WakeMahPerDay + SleepMahPerDay + RefreshMahPerDay + SelfDischargeMahPerDay;
    public double Days => CapacityMah / TotalMahPerDay;
    public double Years => Days / 365.0;

    public static BatteryEstimate For(BoardFile board, TimeSpan wakeInterval, double refreshesPerDay, double? capacityMah)
    {
        if (!board.IsShelfLabel || board.Battery == null)
        {
            throw new UserError($"Board {board.Id} is {board.Power.Source}-powered ({board.Device}); a battery estimate needs a shelf-label board.");
        }
        if (wakeInterval < TimeSpan.FromSeconds(10)) throw new UserError("The wake interval must be at least 10 s (one wake takes about a second).");
        if (refreshesPerDay < 0) throw new UserError("--refreshes-per-day cannot be negative.");
        var p = board.Power;
        double capacity = capacityMah ?? board.Battery.CapacityMah;
        if (capacity <= 0) throw new UserError("--battery-mah must be positive.");

        double wakesPerDay = TimeSpan.FromDays(1) / wakeInterval;
        double awakeHours = wakesPerDay * p.WakeMilliseconds / 3_600_000.0;
        double wake = wakesPerDay * p.WakeMilliampHours;
        double sleep = p.DeepSleepMicroamps / 1000.0 * (24.0 - awakeHours);
        // mJ / V = mC; 1 mAh = 3600 mC.
        double refresh = refreshesPerDay * p.PanelRefreshMillijoules / p.RailVolts / 3600.0;
        double selfDischarge = capacity * board.Battery.SelfDischargePercentPerYear / 100.0 / 365.0;
        return new BatteryEstimate(wakesPerDay, refreshesPerDay, wake, sleep, refresh, selfDischarge, capacity);
    }
}

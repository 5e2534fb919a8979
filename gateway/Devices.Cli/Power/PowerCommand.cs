using System;
using System.CommandLine;
using System.Globalization;
using Devices.Cli.Boards;

namespace Devices.Cli.Power;

/// <summary>`devices power`: battery life of a shelf label for a wake schedule.</summary>
public static class PowerCommand
{
    public static Command Create()
    {
        var board = new Option<string>("--board") { Description = "Board id (hardware/boards/{id}.json) or path to a board file.", Required = true };
        var wake = new Option<string>("--wake") { Description = "Time between wakes, e.g. 5m, 60m, 4h.", Required = true };
        var refreshes = new Option<double>("--refreshes-per-day") { Description = "Panel full refreshes a day (content changes).", DefaultValueFactory = _ => 1 };
        var battery = new Option<double?>("--battery-mah") { Description = "Battery capacity; default: the board's." };
        var command = new Command("power", "Estimate a shelf label's battery life from its board's measured power figures.") { board, wake, refreshes, battery };
        command.SetAction(parse => UserError.Guard(parse, output =>
        {
            var file = BoardCatalog.Resolve(parse.GetValue(board)!);
            var interval = Duration.Parse(parse.GetValue(wake)!);
            var e = BatteryEstimate.For(file, interval, parse.GetValue(refreshes), parse.GetValue(battery));
            Write(output, file, interval, e);
            return 0;
        }));
        return command;
    }

    private static void Write(System.IO.TextWriter o, BoardFile board, TimeSpan interval, BatteryEstimate e)
    {
        var c = CultureInfo.InvariantCulture;
        var p = board.Power;
        o.WriteLine(string.Format(c, "{0}: wake every {1}, {2:0.##} refreshes a day, {3:0} mAh", board.Id, interval, e.RefreshesPerDay, e.CapacityMah));
        o.WriteLine(string.Format(c, "  wakes          {0,8:0.###} mAh/day  ({1:0.#} x {2} mAh, {3} ms each)", e.WakeMahPerDay, e.WakesPerDay, p.WakeMilliampHours, p.WakeMilliseconds));
        o.WriteLine(string.Format(c, "  deep sleep     {0,8:0.###} mAh/day  ({1} uA)", e.SleepMahPerDay, p.DeepSleepMicroamps));
        o.WriteLine(string.Format(c, "  panel refresh  {0,8:0.###} mAh/day  ({1} mJ each at {2} V)", e.RefreshMahPerDay, p.PanelRefreshMillijoules, p.RailVolts));
        o.WriteLine(string.Format(c, "  self-discharge {0,8:0.###} mAh/day  ({1} % a year)", e.SelfDischargeMahPerDay, board.Battery!.SelfDischargePercentPerYear));
        o.WriteLine(string.Format(c, "  total          {0,8:0.###} mAh/day", e.TotalMahPerDay));
        o.WriteLine(string.Format(c, "battery life: {0:0} days ({1:0.0} years)", e.Days, e.Years));
        if (p.DhcpWakeMilliseconds > 0)
        {
            o.WriteLine(string.Format(c, "note: figures assume a static IP; with DHCP a wake takes about {0} ms instead of {1} ms.", p.DhcpWakeMilliseconds, p.WakeMilliseconds));
        }
    }
}

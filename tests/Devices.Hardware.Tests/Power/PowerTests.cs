using System;
using System.IO;
using Devices.Cli;
using Devices.Cli.Boards;
using Devices.Cli.Power;

namespace Devices.Hardware.Tests.Power;

public class PowerTests
{
    private static BoardFile Label() => BoardFile.Load(Path.Combine(Repo.Boards, "shelf-label-wroom-213.json"));

    // Hand calculation, hourly wakes, one refresh a day, the board's figures (15 uA, 0.030 mAh / 774 ms wake,
    // 30 mJ at 3.3 V, 1000 mAh, 10 %/year):
    //   wakes   24 × 0.030                       = 0.72 mAh
    //   sleep   0.015 mA × (24 h − 24 × 0.774 s) = 0.015 × 23.99484 = 0.3599226 mAh
    //   refresh 30 mJ / 3.3 V = 9.0909 mC / 3600 = 0.0025253 mAh
    //   self    1000 × 0.10 / 365                = 0.2739726 mAh
    //   total 1.3564205 mAh/day → 1000 / 1.3564205 = 737.23 days = 2.02 years
    [Fact]
    public void HourlyWakesMatchTheHandCalculation()
    {
        var e = BatteryEstimate.For(Label(), TimeSpan.FromHours(1), 1, null);
        Assert.Equal(0.72, e.WakeMahPerDay, 9);
        Assert.Equal(0.3599226, e.SleepMahPerDay, 7);
        Assert.Equal(0.0025253, e.RefreshMahPerDay, 7);
        Assert.Equal(0.2739726, e.SelfDischargeMahPerDay, 7);
        Assert.Equal(1.3564205, e.TotalMahPerDay, 6);
        Assert.Equal(737.23, e.Days, 2);
        // reference-facts.md: ≈ 1.2 mAh/day for the device itself and ≈ 2 years on 1000 mAh with self-discharge.
        Assert.InRange(e.TotalMahPerDay - e.SelfDischargeMahPerDay, 1.0, 1.3);
        Assert.InRange(e.Years, 1.8, 2.2);
    }

    // Five-minute wakes: 288 × 0.030 = 8.64; sleep 0.015 × (24 − 288 × 0.774 / 3600) = 0.3590712;
    // + 0.0025253 + 0.2739726 = 9.2755691 mAh/day → 107.81 days (reference-facts.md: ≈ 110 days).
    [Fact]
    public void FiveMinuteWakesMatchTheHandCalculation()
    {
        var e = BatteryEstimate.For(Label(), TimeSpan.FromMinutes(5), 1, null);
        Assert.Equal(288, e.WakesPerDay, 9);
        Assert.Equal(9.2755691, e.TotalMahPerDay, 6);
        Assert.Equal(107.81, e.Days, 2);
    }

    [Fact]
    public void RefreshesAndCapacityCount()
    {
        var e = BatteryEstimate.For(Label(), TimeSpan.FromHours(1), 24, 2000);
        // 24 refreshes: 24 × 0.0025253 = 0.0606061; self-discharge doubles with capacity: 0.5479452.
        Assert.Equal(0.0606061, e.RefreshMahPerDay, 7);
        Assert.Equal(0.5479452, e.SelfDischargeMahPerDay, 7);
        Assert.Equal(2000 / (0.72 + 0.3599226 + 0.0606061 + 0.5479452), e.Days, 2);
    }

    [Fact]
    public void TheCommandPrintsTheBudget()
    {
        var (code, output, error) = Cli.Run("power", "--board", "shelf-label-wroom-213", "--wake", "60m");
        Assert.True(code == 0, error);
        Assert.Contains("total             1.356 mAh/day", output);
        Assert.Contains("battery life: 737 days (2.0 years)", output);
    }

    [Theory]
    [InlineData("60", "not a duration")]
    [InlineData("-5m", "not a duration")]
    [InlineData("5x", "not a duration")]
    [InlineData("5s", "at least 10 s")]
    public void BadIntervalsAreClearErrors(string wake, string expected)
    {
        var (code, _, error) = Cli.Run("power", "--board", "shelf-label-wroom-213", "--wake", wake);
        Assert.Equal(1, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void ATableTentHasNoBatteryEstimate()
    {
        var (code, _, error) = Cli.Run("power", "--board", "table-tent-wrover-29", "--wake", "60m");
        Assert.Equal(1, code);
        Assert.Contains("usb-powered", error);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1.5h", 5400)]
    [InlineData("1d", 86400)]
    public void DurationsParse(string text, int seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), Duration.Parse(text));

    [Fact]
    public void DurationErrorsAreUserErrors() => Assert.Throws<UserError>(() => Duration.Parse("soon"));
}

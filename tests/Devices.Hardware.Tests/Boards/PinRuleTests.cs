using System.IO;
using System.Linq;
using Devices.Cli.Boards;

namespace Devices.Hardware.Tests.Boards;

public class PinRuleTests
{
    private static BoardFile Tent() => BoardFile.Load(Path.Combine(Repo.Boards, "table-tent-wrover-29.json"));
    private static BoardFile Label() => BoardFile.Load(Path.Combine(Repo.Boards, "shelf-label-wroom-213.json"));

    private static string[] Errors(BoardFile b) => PinRules.Check(b).Where(p => p.IsError).Select(p => p.Message).ToArray();

    [Fact]
    public void APinUsedTwiceIsAnError()
    {
        var b = Tent();
        b.Pins["panelDc"] = b.Pins["panelReset"];
        Assert.Contains(Errors(b), m => m.Contains("used twice"));
    }

    [Theory]
    [InlineData("panelCs", 34)]
    [InlineData("led", 39)]
    [InlineData("scannerTx", 36)]
    public void AnInputOnlyPinCannotDriveAnOutput(string role, int pin)
    {
        var b = Tent();
        b.Pins[role] = pin;
        Assert.Contains(Errors(b), m => m.Contains("input-only"));
    }

    [Fact]
    public void AnInputOnlyPinMayReadTheScanner()
    {
        var b = Tent();
        b.Pins["scannerRx"] = 35;
        Assert.Empty(Errors(b));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(9)]
    [InlineData(11)]
    public void FlashPinsAreForbidden(int pin)
    {
        var b = Label();
        b.Pins["led"] = pin;
        Assert.Contains(Errors(b), m => m.Contains("SPI flash"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void TheConsoleUartIsForbidden(int pin)
    {
        var b = Label();
        b.Pins["led"] = pin;
        Assert.Contains(Errors(b), m => m.Contains("UART0"));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(13)]
    [InlineData(25)]
    public void TheBatteryMustBeReadOnAdc1(int pin)
    {
        var b = Label();
        b.Pins.Remove("panelPower");
        b.Pins["batteryAdc"] = pin;
        b.Pins["panelBusy"] = 19;
        Assert.Contains(Errors(b), m => m.Contains("ADC1"));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    public void PsramBoardsCannotUse16Or17(int pin)
    {
        var b = Tent();
        b.Pins["scannerRx"] = pin;
        Assert.Contains(Errors(b), m => m.Contains("PSRAM"));
        var label = Label(); // no PSRAM: the same pins are fine there (the shelf label uses them for the panel)
        Assert.Contains(label.Pins.Values, p => p == pin);
        Assert.Empty(Errors(label));
    }

    [Fact]
    public void AStrappingPinNeedsANote()
    {
        var b = Tent();
        b.StrappingPins.Remove("2");
        Assert.Contains(Errors(b), m => m.Contains("GPIO2 is a strapping pin"));
    }

    [Fact]
    public void AStrappingNoteForAnUnusedPinIsAnError()
    {
        var b = Label();
        b.StrappingPins["12"] = "stale note about a pin no longer used";
        Assert.Contains(Errors(b), m => m.Contains("GPIO12"));
    }

    [Fact]
    public void UsedStrappingPinsAreReportedAsWarnings()
    {
        var warnings = PinRules.Check(Tent()).Where(p => !p.IsError).Select(p => p.Message).ToArray();
        Assert.Contains(warnings, m => m.Contains("GPIO5"));
        Assert.Contains(warnings, m => m.Contains("GPIO2"));
    }

    [Fact]
    public void TheWakeButtonMustBeAnRtcGpio()
    {
        var b = Label();
        b.Pins["button"] = 19;
        Assert.Contains(Errors(b), m => m.Contains("RTC GPIO"));
    }

    [Theory]
    [InlineData(20)]
    [InlineData(24)]
    [InlineData(40)]
    public void NonexistentGpiosAreErrors(int pin)
    {
        var b = Label();
        b.Pins["led"] = pin;
        Assert.Contains(Errors(b), m => m.Contains("does not exist"));
    }

    [Fact]
    public void MissingRolesAndUnknownRolesAreErrors()
    {
        var b = Tent();
        b.Pins.Remove("scannerTx");
        b.Pins["buzzer"] = 32;
        var errors = Errors(b);
        Assert.Contains(errors, m => m.Contains("'scannerTx' is missing"));
        Assert.Contains(errors, m => m.Contains("unknown pin role 'buzzer'"));
    }
}

using System.Collections.Generic;
using System.Linq;

namespace Devices.Cli.Boards;

/// <summary>One finding about a board's pin map. Errors make the board unusable; warnings are for the README.</summary>
public sealed record PinProblem(bool IsError, string Message);

/// <summary>
/// ESP32 (original, not S2/S3/C3) pin rules, from Espressif's ESP32 datasheet and the WROOM/WROVER module datasheets.
/// </summary>
public static class PinRules
{
    public enum Use { Output, Input, Adc }

    /// <summary>Each pin role and what the ESP32 does with it.</summary>
    public static readonly IReadOnlyDictionary<string, Use> Roles = new Dictionary<string, Use>
    {
        ["spiMosi"] = Use.Output,
        ["spiClock"] = Use.Output,
        ["panelCs"] = Use.Output,
        ["panelDc"] = Use.Output,
        ["panelReset"] = Use.Output,
        ["panelPower"] = Use.Output,
        ["panelBusy"] = Use.Input,
        ["scannerRx"] = Use.Input,
        ["scannerTx"] = Use.Output,
        ["button"] = Use.Input,
        ["led"] = Use.Output,
        ["batteryAdc"] = Use.Adc,
    };

    /// <summary>GPIOs that exist on the ESP32 (there is no 20, 24 or 28-31).</summary>
    public static readonly int[] Existing = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 25, 26, 27, 32, 33, 34, 35, 36, 37, 38, 39];
    /// <summary>Wired to the SPI flash inside the module: using them crashes the chip.</summary>
    public static readonly int[] Flash = [6, 7, 8, 9, 10, 11];
    /// <summary>UART0: nanoff flashes through it and the self-test report is printed on it.</summary>
    public static readonly int[] Console = [1, 3];
    /// <summary>Input only: no output driver, no internal pull-up or pull-down.</summary>
    public static readonly int[] InputOnly = [34, 35, 36, 37, 38, 39];
    /// <summary>ADC1 channels. ADC2 (GPIO 0, 2, 4, 12-15, 25-27) cannot be read while Wi-Fi is on.</summary>
    public static readonly int[] Adc1 = [32, 33, 34, 35, 36, 37, 38, 39];
    /// <summary>Sampled at reset: 0 and 2 select download mode, 12 the flash voltage, 5 and 15 timing and boot log.</summary>
    public static readonly int[] Strapping = [0, 2, 5, 12, 15];
    /// <summary>RTC GPIOs: the only pins that can wake the chip from deep sleep (ext0/ext1).</summary>
    public static readonly int[] Rtc = [0, 2, 4, 12, 13, 14, 15, 25, 26, 27, 32, 33, 34, 35, 36, 37, 38, 39];
    /// <summary>Taken by the PSRAM on WROVER modules.</summary>
    public static readonly int[] Psram = [16, 17];

    private static readonly string[] CommonRequired = ["spiMosi", "spiClock", "panelCs", "panelDc", "panelReset", "panelBusy", "button", "led"];
    private static readonly string[] TentRequired = ["scannerRx", "scannerTx"];
    private static readonly string[] LabelRequired = ["batteryAdc"];

    public static List<PinProblem> Check(BoardFile board)
    {
        var problems = new List<PinProblem>();
        void Error(string m) => problems.Add(new PinProblem(true, m));
        void Warn(string m) => problems.Add(new PinProblem(false, m));

        var required = CommonRequired.Concat(board.IsShelfLabel ? LabelRequired : TentRequired);
        foreach (var role in required)
        {
            if (!board.Pins.ContainsKey(role)) Error($"pin '{role}' is missing (a {board.Device} needs it)");
        }

        var owner = new Dictionary<int, string>();
        foreach (var (role, pin) in board.Pins)
        {
            if (!Roles.TryGetValue(role, out var use))
            {
                Error($"unknown pin role '{role}' (known: {string.Join(", ", Roles.Keys)})");
                continue;
            }
            if (owner.TryGetValue(pin, out var other)) Error($"GPIO{pin} is used twice: {other} and {role}");
            else owner[pin] = role;

            if (!Existing.Contains(pin)) { Error($"{role}: GPIO{pin} does not exist on the ESP32"); continue; }
            if (Flash.Contains(pin)) Error($"{role}: GPIO{pin} is wired to the module's SPI flash (GPIO6-11 are forbidden)");
            if (Console.Contains(pin)) Error($"{role}: GPIO{pin} is UART0, used for flashing and the self-test console");
            if (board.Mcu.Psram && Psram.Contains(pin)) Error($"{role}: GPIO{pin} belongs to the PSRAM on a WROVER module (GPIO16/17)");
            if (use == Use.Output && InputOnly.Contains(pin)) Error($"{role}: GPIO{pin} is input-only (GPIO34-39 cannot drive an output)");
            if (use == Use.Adc && !Adc1.Contains(pin)) Error($"{role}: GPIO{pin} is not on ADC1 (GPIO32-39); ADC2 cannot be read while Wi-Fi is on");
            if (role == "button" && !Rtc.Contains(pin)) Error($"button: GPIO{pin} is not an RTC GPIO, so it cannot wake the chip from deep sleep");
            if (role == "button" && InputOnly.Contains(pin)) Warn($"button: GPIO{pin} has no internal pull-up; fit an external 100 kOhm pull-up");
            if (Strapping.Contains(pin))
            {
                if (board.StrappingPins.TryGetValue(pin.ToString(), out var why)) Warn($"{role}: strapping pin GPIO{pin}: {why}");
                else Error($"{role}: GPIO{pin} is a strapping pin; say in \"strappingPins\" why its level at boot is safe");
            }
        }
        foreach (var noted in board.StrappingPins.Keys)
        {
            if (!int.TryParse(noted, out var n) || !owner.ContainsKey(n)) Error($"strappingPins mentions GPIO{noted}, which the board does not use");
        }
        return problems;
    }
}

using System;
using Devices.Firmware.Core.Codes;

namespace Devices.Firmware.Core.Tests.Barcodes;

public class Ean13Tests
{
    [Fact]
    public void Known_code_has_expected_check_digit_text_and_zint_modules()
    {
        var p = Ean13.Encode("590123412345");
        Assert.Equal("5 901234 123457", p.Text);
        Assert.Equal(95, p.ModuleCount);
        Assert.Equal(Symbology.Ean13, p.Symbology);
        Assert.Equal(ZintDump.Modules(ZintDump.Ean13, "5901234123457"), ZintDump.Modules(p));
    }

    [Fact]
    public void Random_codes_equal_zint_module_for_module()
    {
        var random = new Random(13);
        var pattern = new BarPattern();
        for (int n = 0; n < 250; n++)
        {
            string digits = RandomDigits(random, 12);
            Assert.True(Ean13.TryEncode(digits, pattern, out var error), error);
            // zint computes the check digit itself from 12 digits: an independent check of ours.
            Assert.Equal(ZintDump.Modules(ZintDump.Ean13, digits), ZintDump.Modules(pattern));
            // And given all 13 digits back, we accept them and draw the same.
            string full = pattern.Text.Replace(" ", "", StringComparison.Ordinal);
            Assert.StartsWith(digits, full, StringComparison.Ordinal);
            var again = Ean13.Encode(full);
            Assert.Equal(ZintDump.Modules(pattern), ZintDump.Modules(again));
        }
    }

    [Fact]
    public void Guards_are_the_start_centre_and_end_bars_only()
    {
        var p = Ean13.Encode("4006381333931");
        int[] guardBars = [0, 2, 46, 48, 92, 94];
        for (int m = 0; m < p.ModuleCount; m++)
            Assert.Equal(Array.IndexOf(guardBars, m) >= 0, p.IsGuard(m));
        Assert.Equal(11, p.QuietZoneLeft);
        Assert.Equal(7, p.QuietZoneRight);
    }

    internal static string RandomDigits(Random random, int count)
    {
        var c = new char[count];
        for (int i = 0; i < count; i++)
            c[i] = (char)('0' + random.Next(10));
        return new string(c);
    }
}

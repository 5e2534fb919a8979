using System;
using Devices.Firmware.Core.Codes;

namespace Devices.Firmware.Core.Tests.Barcodes;

public class UpcATests
{
    [Fact]
    public void Known_code_has_expected_check_digit_text_and_zint_modules()
    {
        var p = UpcA.Encode("03600029145");
        Assert.Equal("0 36000 29145 2", p.Text);
        Assert.Equal(95, p.ModuleCount);
        Assert.Equal(Symbology.UpcA, p.Symbology);
        Assert.Equal(ZintDump.Modules(ZintDump.UpcA, "036000291452"), ZintDump.Modules(p));
    }

    [Fact]
    public void Random_codes_equal_zint_module_for_module()
    {
        var random = new Random(34);
        var pattern = new BarPattern();
        for (int n = 0; n < 250; n++)
        {
            string digits = Ean13Tests.RandomDigits(random, 11);
            Assert.True(UpcA.TryEncode(digits, pattern, out var error), error);
            Assert.Equal(ZintDump.Modules(ZintDump.UpcA, digits), ZintDump.Modules(pattern));
            string full = pattern.Text.Replace(" ", "", StringComparison.Ordinal);
            Assert.Equal(12, full.Length);
            Assert.Equal(ZintDump.Modules(pattern), ZintDump.Modules(UpcA.Encode(full)));
        }
    }

    [Fact]
    public void Guards_include_the_first_and_last_digit_bars()
    {
        var p = UpcA.Encode("036000291452");
        Assert.Equal(9, p.QuietZoneLeft);
        Assert.Equal(9, p.QuietZoneRight);
        for (int m = 0; m < p.ModuleCount; m++)
        {
            bool guardZone = m < 10 || (m >= 45 && m < 50) || m >= 85;
            Assert.Equal(guardZone && p.IsBar(m), p.IsGuard(m));
        }
    }
}

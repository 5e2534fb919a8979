using System;
using Devices.Firmware.Core.Codes;

namespace Devices.Firmware.Core.Tests.Barcodes;

public class BarPatternTests
{
    [Theory]
    [InlineData("ean", "5901234123457")]
    [InlineData("upc", "036000291452")]
    [InlineData("c128", "Shelf 7 / 0012345678")]
    public void Runs_and_modules_describe_the_same_symbol(string kind, string data)
    {
        var p = kind switch { "ean" => Ean13.Encode(data), "upc" => UpcA.Encode(data), _ => Code128.Encode(data) };
        Assert.Equal(1, p.RunCount % 2); // starts and ends with a bar
        int module = 0;
        for (int run = 0; run < p.RunCount; run++)
        {
            int w = p.GetRunWidth(run);
            Assert.InRange(w, 1, 4);
            for (int i = 0; i < w; i++)
                Assert.Equal(run % 2 == 0, p.IsBar(module++));
        }
        Assert.Equal(p.ModuleCount, module);
    }

    [Fact]
    public void Reusing_a_pattern_allocates_nothing()
    {
        var p = new BarPattern();
        Code128.TryEncode("WARMUP 0123456789012345", p, out _);
        Ean13.TryEncode("590123412345", p, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            Ean13.TryEncode("590123412345", p, out _);
            UpcA.TryEncode("03600029145", p, out _);
            Code128.TryEncode("SKU 0012345678", p, out _);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("SKU 0012345678", p.Text);
    }

    [Fact]
    public void Reused_pattern_holds_only_the_latest_symbol()
    {
        var p = new BarPattern();
        Assert.True(Code128.TryEncode(new string('A', 60), p, out _));
        Assert.True(Ean13.TryEncode("5901234123457", p, out _));
        Assert.Equal(ZintDump.Modules(Ean13.Encode("5901234123457")), ZintDump.Modules(p));
        Assert.Equal("5 901234 123457", p.Text);
        Assert.Equal(Symbology.Ean13, p.Symbology);
    }
}

using System;
using System.IO;
using System.Text;
using Devices.Firmware.Core.Codes;
using Devices.Firmware.Core.Tests.Oracles;

namespace Devices.Firmware.Core.Tests.Barcodes;

/// <summary>Our patterns drawn to PNG (required quiet zones only) must read back with zbar and ZXing-C++.</summary>
public class BarcodeDecodeTests
{
    [Theory]
    [InlineData("5901234123457", 2)]
    [InlineData("4006381333931", 3)]
    [InlineData("0000000000000", 2)]
    [InlineData("9780201379624", 3)]
    public void Ean13_reads_back(string digits, int scale) => AssertEanReads(Ean13.Encode(digits), digits, scale);

    [Fact]
    public void Random_ean13_codes_read_back()
    {
        var random = new Random(1313);
        for (int n = 0; n < 25; n++)
        {
            var p = Ean13.Encode(Ean13Tests.RandomDigits(random, 12));
            AssertEanReads(p, p.Text.Replace(" ", "", StringComparison.Ordinal), 2 + n % 2);
        }
    }

    private static void AssertEanReads(BarPattern p, string digits, int scale)
    {
        string png = Decoders.WritePng(BarcodePicture.Render(p, scale));
        Assert.Equal(digits, Latin1(Decoders.ZBar(png)));
        var z = Decoders.ZXing(png);
        Assert.NotNull(z);
        // An EAN-13 with a leading 0 is a UPC-A symbol, and ZXing reports it as one (12 digits).
        if (digits[0] == '0')
        {
            Assert.Equal("UPC-A", z.Format);
            Assert.Equal(digits[1..], z.Text);
        }
        else
        {
            Assert.Equal("EAN-13", z.Format);
            Assert.Equal(digits, z.Text);
        }
        File.Delete(png);
    }

    [Theory]
    [InlineData("036000291452", 2)]
    [InlineData("012345678905", 3)]
    public void UpcA_reads_back(string digits, int scale) => AssertUpcReads(UpcA.Encode(digits), digits, scale);

    [Fact]
    public void Random_upca_codes_read_back()
    {
        var random = new Random(3434);
        for (int n = 0; n < 25; n++)
        {
            var p = UpcA.Encode(Ean13Tests.RandomDigits(random, 11));
            AssertUpcReads(p, p.Text.Replace(" ", "", StringComparison.Ordinal), 2 + n % 2);
        }
    }

    private static void AssertUpcReads(BarPattern p, string digits, int scale)
    {
        string png = Decoders.WritePng(BarcodePicture.Render(p, scale));
        // zbar has UPC-A reporting off by default and reports such a symbol as EAN-13 with a leading 0...
        Assert.Equal("0" + digits, Latin1(Decoders.ZBar(png)));
        // ...and with it switched on, as UPC-A with the 12 digits.
        var upc = ExternalTool.Run("zbarimg", "--quiet", "-Supca.enable", png);
        Assert.Equal("UPC-A:" + digits, upc.StdOut.Trim());
        var z = Decoders.ZXing(png);
        Assert.NotNull(z);
        Assert.Equal("UPC-A", z.Format);
        Assert.Equal(digits, z.Text);
        File.Delete(png);
    }

    [Theory]
    [InlineData("Hello, shelf 42!", 2)]
    [InlineData("SKU-0012345678", 2)]
    [InlineData("12345678901234567890", 3)]
    [InlineData("A1B2C3 {|}~ `_^", 2)]
    public void Code128_reads_back(string text, int scale) => AssertCode128Reads(text, scale);

    [Fact]
    public void Random_code128_set_B_strings_read_back()
    {
        var random = new Random(1041);
        for (int n = 0; n < 40; n++)
            AssertCode128Reads(Code128Tests.RandomSetB(random, 1 + random.Next(20), maxDigitRun: 3), 2 + n % 2);
    }

    [Fact]
    public void Random_code128_digit_runs_read_back()
    {
        var random = new Random(1051);
        for (int n = 0; n < 40; n++)
            AssertCode128Reads(Code128Tests.RandomMixed(random), 2 + n % 2);
    }

    private static void AssertCode128Reads(string text, int scale)
    {
        string png = Decoders.WritePng(BarcodePicture.Render(Code128.Encode(text), scale));
        Assert.Equal(text, Latin1(Decoders.ZBar(png)));
        var z = Decoders.ZXing(png);
        Assert.NotNull(z);
        Assert.Equal("Code128", z.Format);
        // Compare the payload bytes: ZXingReader's Text line may escape characters such as quotes.
        Assert.Equal(text, Encoding.Latin1.GetString(z.Bytes));
        File.Delete(png);
    }

    private static string? Latin1(byte[]? bytes) => bytes is null ? null : Encoding.Latin1.GetString(bytes);
}

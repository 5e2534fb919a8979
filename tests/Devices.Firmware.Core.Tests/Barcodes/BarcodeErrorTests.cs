using System;
using Devices.Firmware.Core.Codes;

namespace Devices.Firmware.Core.Tests.Barcodes;

public class BarcodeErrorTests
{
    [Theory]
    [InlineData("5901234123450", "EAN-13 check digit is 7, not 0 (for 590123412345)")]
    [InlineData("590123412", "EAN-13 needs 12 or 13 digits, got 9")]
    [InlineData("59012341234567", "EAN-13 needs 12 or 13 digits, got 14")]
    [InlineData("", "EAN-13 needs 12 or 13 digits, got 0")]
    [InlineData("59012341234A", "EAN-13 accepts digits only: 'A' at position 12")]
    [InlineData("5901 34123457", "EAN-13 accepts digits only: ' ' at position 5")]
    public void Ean13_rejects_with_clear_message(string input, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => Ean13.Encode(input));
        Assert.Equal(message, e.Message);
        var p = Ean13.Encode("5901234123457");
        Assert.False(Ean13.TryEncode(input, p, out var error));
        Assert.Equal(message, error);
        Assert.Equal(0, p.ModuleCount); // a failed encode leaves nothing stale to draw
    }

    [Theory]
    [InlineData("036000291455", "UPC-A check digit is 2, not 5 (for 03600029145)")]
    [InlineData("0360002914", "UPC-A needs 11 or 12 digits, got 10")]
    [InlineData("03600-291452", "UPC-A accepts digits only: '-' at position 6")]
    public void UpcA_rejects_with_clear_message(string input, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => UpcA.Encode(input));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("abcé", "Code 128 set B cannot encode 'é' at position 4")]
    [InlineData("a\tb", "Code 128 set B cannot encode U+0009 at position 2")]
    [InlineData("price €5", "Code 128 set B cannot encode '€' at position 7")]
    [InlineData("", "Code 128 needs at least one character")]
    public void Code128_rejects_with_clear_message(string input, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => Code128.Encode(input));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Null_and_too_long_inputs_are_rejected_with_clear_messages()
    {
        Assert.Equal("EAN-13 needs 12 or 13 digits, got 0", Assert.Throws<ArgumentException>(() => Ean13.Encode(null!)).Message);
        Assert.Equal("Code 128 needs at least one character", Assert.Throws<ArgumentException>(() => Code128.Encode(null!)).Message);
        Assert.Equal("Code 128 takes at most 80 characters, got 81",
            Assert.Throws<ArgumentException>(() => Code128.Encode(new string('x', 81))).Message);
    }
}

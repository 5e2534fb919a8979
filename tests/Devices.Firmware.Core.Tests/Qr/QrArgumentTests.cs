using System;
using Devices.Firmware.Core.Codes;

namespace Devices.Firmware.Core.Tests.Qr;

public class QrArgumentTests
{
    private readonly QrEncoder _encoder = new();
    private readonly QrCode _code = new();

    [Fact]
    public void MaskOutsideZeroToSevenIsAClearArgumentError()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => _encoder.EncodeText("x", QrEcc.Low, 1, 9, _code));
        Assert.Equal("mask", ex.ParamName);
        Assert.StartsWith("QR mask must be 0 to 7, or -1 for automatic; got 9.", ex.Message);
        Assert.ThrowsAny<ArgumentException>(() => _encoder.EncodeText("x", QrEcc.Low, 1, -2, _code));
    }

    [Fact]
    public void VersionOutsideOneToFortyIsAClearArgumentError()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => _encoder.EncodeText("x", QrEcc.Low, 41, QrEncoder.AutoMask, _code));
        Assert.StartsWith("QR version must be 1 to 40; got 41.", ex.Message);
        Assert.ThrowsAny<ArgumentException>(() => _encoder.Encode(new byte[1], 0, 1, QrEcc.Low, 0, QrEncoder.AutoMask, _code));
        Assert.ThrowsAny<ArgumentException>(() => QrEncoder.SmallestVersion(1, QrEcc.Low, 41));
        Assert.ThrowsAny<ArgumentException>(() => QrEncoder.ByteCapacity(0, QrEcc.Low));
    }

    [Fact]
    public void OtherBadArgumentsAreArgumentErrors()
    {
        Assert.ThrowsAny<ArgumentException>(() => _encoder.EncodeText("x", (QrEcc)4, 1, QrEncoder.AutoMask, _code));
        Assert.ThrowsAny<ArgumentException>(() => _encoder.EncodeText(null!, QrEcc.Low, 1, QrEncoder.AutoMask, _code));
        Assert.ThrowsAny<ArgumentException>(() => _encoder.EncodeText("x", QrEcc.Low, 1, QrEncoder.AutoMask, null!));
        Assert.ThrowsAny<ArgumentException>(() => _encoder.Encode(new byte[4], 2, 3, QrEcc.Low, 1, QrEncoder.AutoMask, _code));
        Assert.ThrowsAny<ArgumentException>(() => _encoder.Encode(new byte[4], -1, 1, QrEcc.Low, 1, QrEncoder.AutoMask, _code));
    }

    [Fact]
    public void IsDarkIsFalseOutsideTheSymbol()
    {
        _encoder.EncodeText("HELLO", QrEcc.Low, 1, QrEncoder.AutoMask, _code);
        Assert.True(_code.IsDark(0, 0)); // finder corner
        Assert.False(_code.IsDark(-1, 0));
        Assert.False(_code.IsDark(0, -1));
        Assert.False(_code.IsDark(_code.Size, 0));
        Assert.False(_code.IsDark(0, _code.Size));
    }

    [Fact]
    public void ForcedMaskIsUsed()
    {
        for (int m = 0; m < 8; m++)
        {
            _encoder.EncodeText("HELLO", QrEcc.Quartile, 1, m, _code);
            Assert.Equal(m, _code.Mask);
        }
    }
}

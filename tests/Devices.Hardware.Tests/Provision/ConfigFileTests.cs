using System;
using System.Text;
using Devices.Firmware.Core.Config;

namespace Devices.Hardware.Tests.Provision;

public class ConfigFileTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);
    private const string Secret = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    [Fact]
    public void ParsesADeviceConfWithCommentsAndCrLf()
    {
        var c = DeviceConfig.Parse(B("# c\r\nformat=1\r\ndevice-id=t-1\r\nkind=table-tent\r\nboard=b\r\nsecret=" + Secret + "\r\nbroker-host=10.0.0.2\r\n\r\n"));
        Assert.Equal("t-1", c.DeviceId);
        Assert.Equal(1883, c.BrokerPort);
        Assert.Equal(31, c.Secret[31]);
    }

    [Theory]
    [InlineData("format=2\n", "format 2")]
    [InlineData("format=1\ndevice-id=T\n", "invalid")]
    [InlineData("format=1\ndevice-id=t\nkind=kiosk\n", "kind 'kiosk'")]
    [InlineData("format=1\ndevice-id=t\nkind=table-tent\nsecret=00\n", "64 hex digits")]
    [InlineData("format=1\nformat=1\n", "appears twice")]
    [InlineData("format=1\njunk\n", "line 2: expected key=value")]
    [InlineData("format=x\n", "whole number")]
    public void BadFilesSayWhatIsWrong(string text, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => DeviceConfig.Parse(B(text)));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void AMissingFileSaysHowToProvision()
    {
        var e = Assert.Throws<ArgumentException>(() => DeviceConfig.Parse(null));
        Assert.Contains("devices provision", e.Message);
    }
}

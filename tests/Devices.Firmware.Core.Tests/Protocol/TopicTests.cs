using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.RotatingCodes;

namespace Devices.Firmware.Core.Tests.Protocol;

public class TopicTests
{
    [Theory]
    [InlineData(TopicKind.Hello, "dev/tent-1/hello")]
    [InlineData(TopicKind.SelfTest, "dev/tent-1/selftest")]
    [InlineData(TopicKind.Welcome, "cmd/tent-1/welcome")]
    [InlineData(TopicKind.Content, "cmd/tent-1/content")]
    [InlineData(TopicKind.SelfTestRequest, "cmd/tent-1/selftest")] // same level name as the report, other direction
    public void Topics_build_and_parse(TopicKind kind, string topic)
    {
        Assert.Equal(topic, Topics.Build(kind, "tent-1"));
        Assert.True(Topics.TryParse(topic, out var k, out var id));
        Assert.Equal(kind, k);
        Assert.Equal("tent-1", id);
    }

    [Theory]
    [InlineData("dev/tent-1/content")]   // downlink kind under dev/
    [InlineData("cmd/tent-1/scan")]      // uplink kind under cmd/
    [InlineData("dev/Tent-1/scan")]      // upper case
    [InlineData("dev/tent.1/scan")]      // dot
    [InlineData("dev/+/scan")]
    [InlineData("dev/tent-1/scan/x")]
    [InlineData("dev//scan")]
    [InlineData("dev/tent-1/")]
    [InlineData("x/tent-1/scan")]
    [InlineData("dev/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/scan")] // 33 characters
    [InlineData(null)]
    public void Anything_else_is_refused(string? topic)
    {
        Assert.False(Topics.TryParse(topic, out _, out _));
    }

    [Fact]
    public void A_self_test_request_is_one_version_byte_and_other_versions_are_refused()
    {
        Assert.Equal(new byte[] { 1 }, new SelfTestRequest().Encode());
        Assert.True(SelfTestRequest.TryDecode(new byte[] { 1 }, 0, 1, out _).Ok);
        Assert.Equal(DecodeError.UnsupportedVersion, SelfTestRequest.TryDecode(new byte[] { 2 }, 0, 1, out _).Error);
        Assert.Equal(DecodeError.Truncated, SelfTestRequest.TryDecode(new byte[0], 0, 0, out _).Error);
    }

    [Fact]
    public void Invalid_ids_are_refused_when_building()
    {
        Assert.Throws<System.ArgumentException>(() => Topics.Build(TopicKind.Scan, "a/b"));
        Assert.Equal("cmd/tent-1/+", Topics.DownlinkFilter("tent-1"));
    }

    [Theory]
    [InlineData("https://x/{device}{token}")]
    [InlineData("https://x/{device}-{token}")]
    [InlineData("https://x/{token}{token}")]
    [InlineData("https://x/{tokens}")]
    [InlineData("https://x/a b")]
    [InlineData("")]
    public void Ambiguous_or_bad_templates_are_invalid(string template)
    {
        Assert.False(LinkTemplate.IsValid(template, out string problem));
        Assert.NotEmpty(problem);
    }
}

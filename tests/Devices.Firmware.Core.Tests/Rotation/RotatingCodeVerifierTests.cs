using System;
using System.Collections.Generic;
using Devices.Firmware.Core.Rotation;
using Devices.Firmware.Core.Security;

namespace Devices.Firmware.Core.Tests.Rotation;

public class RotatingCodeVerifierTests
{
    private const string Template = "https://m.example.com/t?d={device}&c={token}";
    private const uint Period = 60;
    private const uint T0 = 1767225600; // a period start

    private sealed class Keys : ICodeKeyLookup
    {
        public readonly Dictionary<string, (byte[], uint)> Devices = new();
        public bool TryFind(string deviceId, out byte[] codeKey, out uint periodSeconds)
        {
            bool found = Devices.TryGetValue(deviceId, out var e);
            codeKey = found ? e.Item1 : [];
            periodSeconds = found ? e.Item2 : 0;
            return found;
        }
    }

    private static readonly byte[] TentKey = new DeviceIdentity("tent-1", Devices.Firmware.Core.Tests.Security.ExternalVectorTests.Secret).CodeKey;
    private static readonly byte[] OtherKey = new DeviceIdentity("tent-2", new byte[32]).CodeKey;

    private static RotatingCodeVerifier Verifier()
    {
        var keys = new Keys();
        keys.Devices["tent-1"] = (TentKey, Period);
        keys.Devices["tent-2"] = (OtherKey, Period);
        return new RotatingCodeVerifier(keys);
    }

    private static string LinkAt(uint time) { var c = new RotatingCode("tent-1", TentKey, Period); return c.Link(Template, c.CounterAt(time)); }

    [Theory]
    [InlineData(0u, 0)]            // shown and scanned in the same period
    [InlineData(59u, 0)]
    [InlineData(60u, 1)]           // scanned in the next period: still fine by default
    [InlineData(119u, 1)]
    public void Current_and_previous_period_are_accepted(uint scanDelay, int age)
    {
        CodeCheck r = Verifier().VerifyLink(Template, LinkAt(T0), T0 + scanDelay);
        Assert.True(r.Valid, r.Message);
        Assert.Equal("tent-1", r.DeviceId);
        Assert.Equal(age, r.AgePeriods);
        Assert.Equal(scanDelay, (uint)r.AgeSeconds);
        Assert.Equal(T0 / Period, r.Counter);
    }

    [Theory]
    [InlineData(120u, 2)]
    [InlineData(3600u, 60)]
    public void Older_codes_are_rejected_as_too_old_with_their_age(uint scanDelay, int age)
    {
        CodeCheck r = Verifier().VerifyLink(Template, LinkAt(T0), T0 + scanDelay);
        Assert.Equal(CodeCheckOutcome.TooOld, r.Outcome);
        Assert.Equal(age, r.AgePeriods);
    }

    [Fact]
    public void A_code_from_a_later_period_is_rejected_unless_tolerated()
    {
        var v = Verifier();
        Assert.Equal(CodeCheckOutcome.FromFuture, v.VerifyLink(Template, LinkAt(T0 + 60), T0).Outcome);
        v.MaxFuturePeriods = 1;
        CodeCheck r = v.VerifyLink(Template, LinkAt(T0 + 60), T0);
        Assert.True(r.Valid, r.Message);
        Assert.Equal(-1, r.AgePeriods);
    }

    [Fact]
    public void Tolerance_is_configurable()
    {
        var v = Verifier();
        v.MaxAgePeriods = 0;
        Assert.Equal(CodeCheckOutcome.TooOld, v.VerifyLink(Template, LinkAt(T0), T0 + 60).Outcome);
        v.MaxAgePeriods = 5;
        Assert.True(v.VerifyLink(Template, LinkAt(T0), T0 + 5 * 60 + 59).Valid);
        Assert.Equal(CodeCheckOutcome.TooOld, v.VerifyLink(Template, LinkAt(T0), T0 + 6 * 60).Outcome);
        Assert.Throws<ArgumentException>(() => v.MaxAgePeriods = 49);
    }

    [Fact]
    public void Every_changed_token_character_is_forged_or_malformed()
    {
        string link = LinkAt(T0);
        int start = link.Length - RotatingCode.TokenLength;
        foreach (char c in Base64Url.Alphabet)
        {
            for (int i = start; i < link.Length; i++)
            {
                if (link[i] == c) continue;
                string changed = link[..i] + c + link[(i + 1)..];
                CodeCheck r = Verifier().VerifyLink(Template, changed, T0);
                Assert.False(r.Valid, changed);
                Assert.True(r.Outcome is CodeCheckOutcome.Forged or CodeCheckOutcome.TooOld or CodeCheckOutcome.FromFuture, changed + " " + r.Outcome);
                // A changed hint points to another counter: its MAC differs, so even that is forged.
                if (i == start) Assert.Equal(CodeCheckOutcome.Forged, r.Outcome);
            }
        }
    }

    [Fact]
    public void Another_devices_token_or_an_unknown_device_is_rejected()
    {
        var other = new RotatingCode("tent-2", OtherKey, Period);
        string token = other.Token(other.CounterAt(T0));
        Assert.Equal(CodeCheckOutcome.Forged, Verifier().VerifyToken("tent-1", token, T0).Outcome);
        Assert.True(Verifier().VerifyToken("tent-2", token, T0).Valid);
        Assert.Equal(CodeCheckOutcome.UnknownDevice, Verifier().VerifyToken("tent-9", token, T0).Outcome);
        // tent-1's token presented as tent-2's (the id in the link swapped).
        string swapped = LinkAt(T0).Replace("d=tent-1", "d=tent-2");
        Assert.Equal(CodeCheckOutcome.Forged, Verifier().VerifyLink(Template, swapped, T0).Outcome);
    }

    [Theory]
    [InlineData("https://m.example.com/t?d=tent-1&c=short")]
    [InlineData("https://m.example.com/t?d=&c=ANQsaoAdKnEU")]
    [InlineData("https://evil.example.com/t?d=tent-1&c=ANQsaoAdKnEU")]
    [InlineData("https://m.example.com/t?d=tent-1&c=ANQsaoAdKnEU&x=1")]
    [InlineData("https://m.example.com/t?d=tent-1&c=ANQsaoAd*nEU")]
    [InlineData("")]
    public void Links_of_another_shape_are_malformed(string link)
    {
        Assert.Equal(CodeCheckOutcome.Malformed, Verifier().VerifyLink(Template, link, T0).Outcome);
    }

    [Fact]
    public void Fallback_codes_verify_like_tokens()
    {
        var code = new RotatingCode("tent-1", TentKey, Period);
        string now = code.FallbackCode(code.CounterAt(T0));
        var v = Verifier();
        Assert.True(v.VerifyFallbackCode("tent-1", now, T0 + 30).Valid);
        CodeCheck prev = v.VerifyFallbackCode("tent-1", now, T0 + 61);
        Assert.True(prev.Valid);
        Assert.Equal(1, prev.AgePeriods);
        Assert.False(v.VerifyFallbackCode("tent-1", now, T0 + 120).Valid);
        Assert.False(v.VerifyFallbackCode("tent-2", now, T0).Valid);
        string wrong = ((int.Parse(now) + 1) % 1000000).ToString("D6");
        Assert.Equal(CodeCheckOutcome.Forged, v.VerifyFallbackCode("tent-1", wrong, T0).Outcome);
        Assert.Equal(CodeCheckOutcome.Malformed, v.VerifyFallbackCode("tent-1", "12345", T0).Outcome);
        Assert.Equal(CodeCheckOutcome.Malformed, v.VerifyFallbackCode("tent-1", "12a456", T0).Outcome);
    }

    [Fact]
    public void Tokens_of_many_periods_verify_at_their_own_time_and_report_the_right_age()
    {
        var code = new RotatingCode("tent-1", TentKey, Period);
        var v = Verifier();
        v.MaxAgePeriods = 48;
        for (uint k = 0; k < 200; k++)
        {
            uint shown = T0 + k * 97;
            string token = code.Token(code.CounterAt(shown));
            for (int age = 0; age <= 48; age += 7)
            {
                CodeCheck r = v.VerifyToken("tent-1", token, shown + (uint)age * Period);
                Assert.True(r.Valid, r.Message);
                Assert.Equal(age, r.AgePeriods);
            }
        }
    }
}

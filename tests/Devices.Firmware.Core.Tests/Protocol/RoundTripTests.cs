using System.Text.Json;
using CsCheck;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Protocol;

namespace Devices.Firmware.Core.Tests.Protocol;

/// <summary>Encode then decode gives back every field (compared as JSON of the public fields, not via our codec).</summary>
public class RoundTripTests
{
    private static readonly JsonSerializerOptions Fields = new() { IncludeFields = true };
    private static string Json(object o) => JsonSerializer.Serialize(o, o.GetType(), Fields);

    private static void Check(object original, byte[] bytes, DecodeResult result, object decoded)
    {
        Assert.True(result.Ok, result.Message);
        Assert.Equal(Json(original), Json(decoded));
    }

    [Fact] public void Hello() => Generators.Hello.Sample(m => { var b = m.Encode(); Check(m, b, HelloMessage.TryDecode(b, 0, b.Length, out var d), d); });
    [Fact] public void Welcome() => Generators.Welcome.Sample(m => { var b = m.Encode(); Check(m, b, WelcomeMessage.TryDecode(b, 0, b.Length, out var d), d); });
    [Fact] public void Scan() => Generators.Scan.Sample(m => { var b = m.Encode(); Check(m, b, ScanMessage.TryDecode(b, 0, b.Length, out var d), d); });
    [Fact] public void Ack() => Generators.Ack.Sample(m => { var b = m.Encode(); Check(m, b, AckMessage.TryDecode(b, 0, b.Length, out var d), d); });
    [Fact] public void State() => Generators.State.Sample(m => { var b = m.Encode(); Check(m, b, StateMessage.TryDecode(b, 0, b.Length, out var d), d); });
    [Fact] public void SelfTest() => Generators.SelfTest.Sample(m => { var b = m.Encode(); Check(m, b, SelfTestReport.TryDecode(b, 0, b.Length, out var d), d); });
    [Fact] public void Notify() => Generators.Notify.Sample(m => { var b = m.Encode(); Check(m, b, NotifyMessage.TryDecode(b, 0, b.Length, out var d), d); });
    [Fact] public void Label() => Generators.Label.Sample(m => { var b = LabelContentCodec.Encode(m); Check(m, b, LabelContentCodec.TryDecode(b, 0, b.Length, out var d), d); });
    [Fact] public void Tent() => Generators.Tent.Sample(m => { var b = TentContentCodec.Encode(m); Check(m, b, TentContentCodec.TryDecode(b, 0, b.Length, out var d), d); });

    [Fact]
    public void Encoding_into_a_caller_buffer_at_an_offset_writes_the_same_bytes()
    {
        Generators.Scan.Sample(m =>
        {
            var buffer = new byte[ScanMessage.MaxDataBytes + 64];
            int n = m.Encode(buffer, 17);
            Assert.Equal(m.Encode(), buffer[17..(17 + n)]);
            Assert.True(ScanMessage.TryDecode(buffer, 17, n, out var d).Ok);
            Assert.Equal(m.Data, d.Data);
        }, iter: 200);
    }

    [Fact]
    public void A_buffer_too_small_is_refused_with_a_clear_message()
    {
        var m = new ScanMessage { Seq = 1, Data = new byte[100] };
        var e = Assert.Throws<System.ArgumentException>(() => m.Encode(new byte[50], 0));
        Assert.Contains("Scan needs 105 bytes", e.Message);
    }

    [Fact]
    public void A_string_over_its_limit_is_refused_by_the_encoder()
    {
        var m = new NotifyMessage { Text = new string('x', NotifyMessage.MaxTextBytes + 1) };
        var e = Assert.Throws<System.ArgumentException>(() => m.Encode());
        Assert.Contains("Notify text is 129 bytes of UTF-8; the limit is 128", e.Message);
    }

    [Fact]
    public void A_full_label_with_96_glyphs_fits_the_4KB_label_limit()
    {
        var label = new LabelContent
        {
            Name = new string('n', LabelContentCodec.MaxNameBytes), Currency = "CHF", UnitPrice = new string('u', 64), Promo = new string('p', 32),
            CodeKind = LabelCodeKind.Qr, CodeData = new string('c', 256), PriceMinor = long.MaxValue, WakeIntervalSeconds = uint.MaxValue,
            ExtraGlyphCount = 96, ExtraGlyphs = new byte[96 * 34],
        };
        int n = LabelContentCodec.Encode(label).Length;
        Assert.True(n <= Devices.Firmware.Core.Security.ContentVerifier.LabelMaxPayloadBytes, n + " bytes");
    }
}

using System;
using System.Text;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Rotation;
using Devices.Firmware.Core.Security;

namespace Devices.Firmware.Core.Tests.Security;

/// <summary>
/// Values computed outside our code: docs/protocol-vectors.py (Python hmac/hashlib/base64), the content and code
/// keys also checked with `openssl dgst -sha256 -mac HMAC`. They are published in docs/protocol.md and
/// docs/rotating-codes.md; these tests keep the C# implementation honest against them.
/// </summary>
public class ExternalVectorTests
{
    internal static readonly byte[] Secret = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    internal const string Device = "tent-0042";
    internal const string Template = "https://m.example.com/t?d={device}&c={token}";

    [Fact]
    public void Keys_derived_from_the_secret_match_the_reference()
    {
        var id = new DeviceIdentity(Device, Secret);
        Assert.Equal("375258850f8c6e806971d9354931d8c6562c10e7f5dc4b56d8a7eb7c9bbd6bfb", Convert.ToHexStringLower(id.ContentKey));
        Assert.Equal("7b61e7b7185d81aedcadd7011ec273b0eeebdf31ad9dcd703fe93d6d84a51481", Convert.ToHexStringLower(id.CodeKey));
        Assert.Equal("Rd8KRAXBsCPJstAgC07mQs2IOOXastip", id.MqttPassword);

        var other = new DeviceIdentity("label-7", Convert.FromHexString(string.Concat(System.Linq.Enumerable.Repeat("8f", 32))));
        Assert.Equal("6863d13a56dac6cd9c580c23d212e35dc5bdff7dcad5459a14d527ebb4f0574b", Convert.ToHexStringLower(other.CodeKey));
        Assert.Equal("47Of3cn3Q9EgG8RT9j8eoZpDDV9pwxyv", other.MqttPassword);
    }

    [Theory]
    [InlineData(7u, ContentKind.Tent, "68656c6c6f", "0107020568656c6c6fba22b7112bb621e7d4cc9fa33f9c78aa")]
    [InlineData(300u, ContentKind.Label, "00010203040506070809", "01ac02010a000102030405060708099b051d4b7050b540cbba680885ddb053")]
    public void Signed_envelopes_match_the_reference(uint version, ContentKind kind, string payloadHex, string envelopeHex)
    {
        var id = new DeviceIdentity(Device, Secret);
        byte[] envelope = ContentSigner.Sign(Device, id.ContentKey, version, kind, Convert.FromHexString(payloadHex));
        Assert.Equal(envelopeHex, Convert.ToHexStringLower(envelope));

        var verifier = new ContentVerifier(Device, id.ContentKey, kind, 4096);
        Assert.Equal(AckResult.Applied, verifier.Check(envelope, 0, envelope.Length, 0, out var decoded, out _));
        Assert.Equal(version, decoded.ContentVersion);
        Assert.Equal(payloadHex, Convert.ToHexStringLower(decoded.Payload));
    }

    [Theory]
    [InlineData("tent-0042", 1767225600u, 60u, 29453760u, "350b1aa0074a9c45607c1d811303ba3dd338a799ada4425cb493de4b9d5e31c0", "ANQsaoAdKnEU", "920160")]
    [InlineData("tent-0042", 1767225659u, 60u, 29453760u, "350b1aa0074a9c45607c1d811303ba3dd338a799ada4425cb493de4b9d5e31c0", "ANQsaoAdKnEU", "920160")]
    [InlineData("tent-0042", 1767225660u, 60u, 29453761u, "c285a840c031cbe687951f952ed6cb6998dd499ae09d3b92a696075db3a08157", "BwoWoQMAxy-Y", "161567")]
    [InlineData("tent-0042", 1767225600u, 30u, 58907520u, "6fa9f3559c722a9f7951f18689f0791396a0a9f9ebbc06846c820688fb5633e1", "Ab6nzVZxyKp8", "813020")]
    public void Rotating_codes_match_the_reference(string device, uint time, uint period, uint counter, string macHex, string token, string fallback)
    {
        var code = new RotatingCode(device, new DeviceIdentity(device, Secret).CodeKey, period);
        Assert.Equal(counter, code.CounterAt(time));
        Assert.Equal(macHex, Convert.ToHexStringLower(code.Mac(counter)));
        Assert.Equal(token, code.Token(counter));
        Assert.Equal(fallback, code.FallbackCode(counter));
        Assert.Equal("https://m.example.com/t?d=tent-0042&c=" + token, code.Link(Template, counter));
    }

    [Fact]
    public void Rotating_code_of_a_second_device_and_template_matches_the_reference()
    {
        byte[] secret = Convert.FromHexString(string.Concat(System.Linq.Enumerable.Repeat("8f", 32)));
        var code = new RotatingCode("label-7", new DeviceIdentity("label-7", secret).CodeKey, 300);
        uint counter = code.CounterAt(2000000000);
        Assert.Equal(6666666u, counter);
        Assert.Equal("qoO-aE-r7EXM", code.Token(counter));
        Assert.Equal("282497", code.FallbackCode(counter));
        Assert.Equal("https://s.example.cn/label-7/qoO-aE-r7EXM", code.Link("https://s.example.cn/{device}/{token}", counter));
    }

    [Fact]
    public void Messages_encode_to_the_reference_bytes()
    {
        var scan = new ScanMessage { Seq = 1, UnixTime = 1767225600, AgeMillis = 250, Data = Encoding.ASCII.GetBytes("ABC-123") };
        Assert.Equal("010180f2d6ca06fa01074142432d313233", Convert.ToHexStringLower(scan.Encode()));

        var hello = new HelloMessage
        {
            FirmwareVersion = "1.0.0", Kind = DeviceKind.TableTent, AppliedContentVersion = 7, BatteryMillivolts = 0, Rssi = -61,
            BootCount = 12, DroppedScans = 3, QueuedScans = 2, WakeCause = WakeCause.PowerOn,
        };
        Assert.Equal("0105312e302e30010700790c030201", Convert.ToHexStringLower(hello.Encode()));

        Assert.Equal("0102", Convert.ToHexStringLower(StateMessage.EncodeOffline()));
        Assert.Equal(StateMessage.EncodeOffline(), Encoding.UTF8.GetBytes(StateMessage.OfflineWillText));
        var online = new StateMessage { Status = DeviceStatus.Online, BatteryMillivolts = 2950, Rssi = -70, AppliedContentVersion = 7, Display = DisplayState.Content };
        Assert.Equal("010186178b01070002", Convert.ToHexStringLower(online.Encode()));
    }
}

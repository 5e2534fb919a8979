using System;
using System.Text;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Security;

namespace Devices.Firmware.Core.Tests.Security;

public class ContentVerifierTests
{
    private const string Device = "label-0001";
    private static readonly DeviceIdentity Identity = new(Device, ExternalVectorTests.Secret);
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("a label payload, signed");

    private static ContentVerifier Verifier(int max = 4096) => new(Device, Identity.ContentKey, ContentKind.Label, max);

    private static AckResult Check(byte[] envelope, uint applied = 4) => Verifier().Check(envelope, 0, envelope.Length, applied, out _, out _);

    [Fact]
    public void A_genuine_newer_envelope_is_applied()
    {
        byte[] e = ContentSigner.Sign(Device, Identity.ContentKey, 5, ContentKind.Label, Payload);
        Assert.Equal(AckResult.Applied, Verifier().Check(e, 0, e.Length, 4, out var envelope, out _));
        Assert.Equal(Payload, envelope.Payload);
    }

    [Fact]
    public void Every_single_bit_change_of_version_payload_or_tag_is_rejected()
    {
        byte[] e = ContentSigner.Sign(Device, Identity.ContentKey, 5, ContentKind.Label, Payload);
        for (int bit = 0; bit < e.Length * 8; bit++)
        {
            var copy = (byte[])e.Clone();
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
            AckResult r = Check(copy);
            Assert.True(r != AckResult.Applied, "bit " + bit + " flipped, still applied");
            // Flips in the signed part that still decode, and all flips in the tag, are caught by the tag.
            if (bit >= (e.Length - ContentEnvelope.TagBytes) * 8) Assert.Equal(AckResult.BadSignature, r);
        }
    }

    [Fact]
    public void Every_single_bit_change_of_the_device_id_is_rejected()
    {
        byte[] e = ContentSigner.Sign(Device, Identity.ContentKey, 5, ContentKind.Label, Payload);
        for (int bit = 0; bit < Device.Length * 8; bit++)
        {
            char[] id = Device.ToCharArray();
            id[bit / 8] = (char)(id[bit / 8] ^ (1 << (bit % 8)));
            string other = new string(id);
            if (!DeviceId.IsValid(other)) continue;
            var verifier = new ContentVerifier(other, Identity.ContentKey, ContentKind.Label, 4096);
            Assert.Equal(AckResult.BadSignature, verifier.Check(e, 0, e.Length, 0, out _, out _));
        }
    }

    [Fact]
    public void Another_key_is_a_bad_signature()
    {
        var other = new DeviceIdentity(Device, new byte[32]);
        byte[] e = ContentSigner.Sign(Device, other.ContentKey, 5, ContentKind.Label, Payload);
        Assert.Equal(AckResult.BadSignature, Check(e));
    }

    [Theory]
    [InlineData(4u)]
    [InlineData(3u)]
    [InlineData(0u)]
    public void A_version_not_newer_than_the_applied_one_is_a_replay(uint version)
    {
        byte[] e = ContentSigner.Sign(Device, Identity.ContentKey, version, ContentKind.Label, Payload);
        Assert.Equal(AckResult.Replay, Check(e, applied: 4));
    }

    [Fact]
    public void Oversize_wrong_kind_malformed_and_unsupported_version_say_so()
    {
        byte[] big = ContentSigner.Sign(Device, Identity.ContentKey, 5, ContentKind.Label, new byte[4097]);
        Assert.Equal(AckResult.TooLarge, Check(big));
        Assert.Equal(AckResult.Applied, Verifier(5000).Check(big, 0, big.Length, 4, out _, out _));

        byte[] tent = ContentSigner.Sign(Device, Identity.ContentKey, 5, ContentKind.Tent, Payload);
        Assert.Equal(AckResult.WrongKind, Check(tent));

        byte[] e = ContentSigner.Sign(Device, Identity.ContentKey, 5, ContentKind.Label, Payload);
        Assert.Equal(AckResult.Malformed, Check(e[..^1]));
        Assert.Equal(AckResult.Malformed, Check([.. e, 0]));
        Assert.Equal(AckResult.Malformed, Check([]));
        var v2 = (byte[])e.Clone();
        v2[0] = 2;
        Assert.Equal(AckResult.UnsupportedVersion, Verifier().Check(v2, 0, v2.Length, 4, out _, out string detail));
        Assert.Contains("format version 2", detail);
        Assert.Equal(AckResult.Malformed, Verifier().Check(null, 0, 0, 4, out _, out _));
    }
}

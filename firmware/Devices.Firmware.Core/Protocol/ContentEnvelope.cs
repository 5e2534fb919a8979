namespace Devices.Firmware.Core.Protocol
{
    /// <summary>
    /// cmd/{id}/content: versioned, signed content. Layout: format version (1), content version (varint),
    /// kind (byte), payload (varint length + bytes), tag (16 bytes). The tag is HMAC-SHA256 under the device's
    /// content key over [length of device id][device id][every envelope byte before the tag], cut to 16 bytes.
    /// Build one with <see cref="Devices.Firmware.Core.Security.ContentSigner"/>, check one with
    /// <see cref="Devices.Firmware.Core.Security.ContentVerifier"/>.
    /// </summary>
    public sealed class ContentEnvelope
    {
        public const int FormatVersion = 1;
        public const int TagBytes = 16;
        /// <summary>Hard limit for any device; each device applies its own lower limit (ContentVerifier).</summary>
        public const int MaxPayloadBytes = 8192;

        public uint ContentVersion;
        public ContentKind Kind = ContentKind.Label;
        public byte[] Payload = new byte[0];
        public byte[] Tag = new byte[TagBytes];
        /// <summary>After decoding: how many bytes at the start of the encoded envelope the tag covers.</summary>
        public int SignedLength;

        public static DecodeResult TryDecode(byte[]? data, int offset, int count, out ContentEnvelope envelope)
        {
            var r = new WireReader("Content", data, offset, count);
            var m = new ContentEnvelope();
            r.ReadVersion(FormatVersion);
            m.ContentVersion = r.ReadUInt32("content version");
            m.Kind = (ContentKind)r.ReadByte("content kind");
            if (!r.Failed && m.Kind != ContentKind.Label && m.Kind != ContentKind.Tent)
            {
                r.Fail(DecodeError.Malformed, string.Concat("content kind has unknown code ", ((int)m.Kind).ToString()));
            }
            m.Payload = r.ReadBytes("payload", MaxPayloadBytes);
            m.SignedLength = r.Position - offset;
            m.Tag = r.ReadFixed("tag", TagBytes);
            // Unlike other messages, nothing may follow: every byte of content is covered by the tag.
            if (!r.Failed && r.Remaining > 0) r.Fail(DecodeError.Malformed, string.Concat(r.Remaining.ToString(), " bytes after the tag"));
            envelope = r.Failed ? new ContentEnvelope() : m;
            return r.Result;
        }

        /// <summary>The envelope without its tag: the bytes the tag covers (after the device-id prefix).</summary>
        internal int WriteUnsigned(byte[]? buffer, int offset)
        {
            var w = buffer == null ? new WireWriter() : new WireWriter(buffer, offset);
            w.WriteByte(FormatVersion);
            w.WriteUInt32(ContentVersion);
            w.WriteCode("Content kind", (int)Kind, 2);
            w.WriteBytes("Content payload", Payload, MaxPayloadBytes);
            return w.Position - (buffer == null ? 0 : offset);
        }
    }
}

using System;
using System.Security.Cryptography;
using Devices.Firmware.Core.Protocol;

namespace Devices.Firmware.Core.Security
{
    /// <summary>
    /// Builds signed content envelopes (the gateway's side). The tag is HMAC-SHA256(content key,
    /// [id length][id][envelope bytes before the tag]) cut to 16 bytes: 128 bits leave a forger a 2^-128 chance
    /// per try, and tries are online (one MQTT publish each), while the 16 bytes saved matter inside a 4 KB label.
    /// </summary>
    public static class ContentSigner
    {
        /// <summary>The complete envelope for cmd/{id}/content. Throws ArgumentException on bad arguments.</summary>
        public static byte[] Sign(string deviceId, byte[] contentKey, uint contentVersion, ContentKind kind, byte[] payload)
        {
            DeviceId.Check(deviceId);
            if (contentKey == null || contentKey.Length == 0) throw new ArgumentException("A content key is required.");
            if (kind != ContentKind.Label && kind != ContentKind.Tent) throw new ArgumentException("Content kind must be Label or Tent.");
            var envelope = new ContentEnvelope();
            envelope.ContentVersion = contentVersion;
            envelope.Kind = kind;
            envelope.Payload = payload == null ? new byte[0] : payload;
            int unsigned = envelope.WriteUnsigned(null, 0);
            var bytes = new byte[unsigned + ContentEnvelope.TagBytes];
            envelope.WriteUnsigned(bytes, 0);
            byte[] tag = ComputeTag(deviceId, contentKey, bytes, 0, unsigned);
            Array.Copy(tag, 0, bytes, unsigned, ContentEnvelope.TagBytes);
            return bytes;
        }

        /// <summary>The 16-byte tag over <paramref name="count"/> envelope bytes at <paramref name="offset"/>.</summary>
        public static byte[] ComputeTag(string deviceId, byte[] contentKey, byte[] envelope, int offset, int count)
        {
            // The id goes in front so an envelope made for one device never verifies on another, even under a shared key.
            var input = new byte[1 + deviceId.Length + count];
            input[0] = (byte)deviceId.Length;
            for (int i = 0; i < deviceId.Length; i++) input[1 + i] = (byte)deviceId[i]; // ids are ASCII
            Array.Copy(envelope, offset, input, 1 + deviceId.Length, count);
            byte[] full = new HMACSHA256(contentKey).ComputeHash(input);
            var tag = new byte[ContentEnvelope.TagBytes];
            Array.Copy(full, 0, tag, 0, ContentEnvelope.TagBytes);
            return tag;
        }
    }
}

using Devices.Firmware.Core.Protocol;

namespace Devices.Firmware.Core.Security
{
    /// <summary>
    /// The device's check of a content envelope before anything of it is used. In order: the envelope decodes
    /// (Malformed, UnsupportedVersion, TooLarge), the payload fits this device (TooLarge), the tag matches
    /// (BadSignature, compared in constant time), the kind is this device's (WrongKind), and the version is newer
    /// than the applied one (Replay). Only then <see cref="AckResult.Applied"/>: the caller decodes the payload
    /// (Malformed if that fails), shows it, stores the version, and acks.
    /// </summary>
    public sealed class ContentVerifier
    {
        /// <summary>Label payload limit, extra glyphs included.</summary>
        public const int LabelMaxPayloadBytes = 4096;
        public const int TentMaxPayloadBytes = 2048;

        private readonly string _deviceId;
        private readonly byte[] _contentKey;
        private readonly ContentKind _kind;
        private readonly int _maxPayloadBytes;

        public ContentVerifier(string deviceId, byte[] contentKey, ContentKind kind, int maxPayloadBytes)
        {
            DeviceId.Check(deviceId);
            if (contentKey == null || contentKey.Length == 0) throw new System.ArgumentException("A content key is required.");
            _deviceId = deviceId;
            _contentKey = contentKey;
            _kind = kind;
            _maxPayloadBytes = maxPayloadBytes;
        }

        /// <summary>
        /// Never throws. <paramref name="envelope"/> is the decoded envelope (empty if it did not decode);
        /// <paramref name="detail"/> is one sentence for the ack.
        /// </summary>
        public AckResult Check(byte[]? data, int offset, int count, uint appliedVersion, out ContentEnvelope envelope, out string detail)
        {
            DecodeResult decoded = ContentEnvelope.TryDecode(data, offset, count, out envelope);
            if (!decoded.Ok)
            {
                detail = decoded.Message;
                return decoded.ToAckResult();
            }
            if (envelope.Payload.Length > _maxPayloadBytes)
            {
                detail = string.Concat("Content: payload is ", envelope.Payload.Length.ToString(), " bytes; this device takes ", _maxPayloadBytes.ToString());
                return AckResult.TooLarge;
            }
            byte[] expected = ContentSigner.ComputeTag(_deviceId, _contentKey, data!, offset, envelope.SignedLength);
            if (!ConstantTime.Equals(expected, 0, envelope.Tag, 0, ContentEnvelope.TagBytes))
            {
                detail = "Content: the tag does not match.";
                return AckResult.BadSignature;
            }
            if (envelope.Kind != _kind)
            {
                detail = "Content: this kind of content is for another kind of device.";
                return AckResult.WrongKind;
            }
            if (envelope.ContentVersion <= appliedVersion)
            {
                detail = string.Concat("Content: version ", envelope.ContentVersion.ToString(), " is not newer than the applied ", appliedVersion.ToString());
                return AckResult.Replay;
            }
            detail = "";
            return AckResult.Applied;
        }
    }
}

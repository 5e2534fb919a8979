namespace Devices.Firmware.Core.Protocol
{
    /// <summary>What a device did with a content message. Values are stable; decoders accept unknown ones.</summary>
    public enum AckResult : byte
    {
        /// <summary>Verified, decoded and shown (or stored to show).</summary>
        Applied = 0,
        /// <summary>The tag does not match (wrong key, tampered bytes, or meant for another device).</summary>
        BadSignature = 1,
        /// <summary>The version is not newer than the applied one.</summary>
        Replay = 2,
        /// <summary>The payload is over the device's limit.</summary>
        TooLarge = 3,
        /// <summary>The envelope or the payload inside it does not decode.</summary>
        Malformed = 4,
        /// <summary>The envelope or payload format version is one this firmware does not read.</summary>
        UnsupportedVersion = 5,
        /// <summary>Arrived on a topic for another device id (a broker or ACL misconfiguration).</summary>
        WrongDevice = 6,
        /// <summary>Label content sent to a table tent or the reverse.</summary>
        WrongKind = 7,
        /// <summary>Valid, but could not be written to flash.</summary>
        StorageFailed = 8,
    }
}

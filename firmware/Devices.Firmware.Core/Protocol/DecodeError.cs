namespace Devices.Firmware.Core.Protocol
{
    /// <summary>Why a payload could not be decoded. Values are stable: the gateway logs them.</summary>
    public enum DecodeError : byte
    {
        None = 0,
        /// <summary>The first byte names a format version this code does not read.</summary>
        UnsupportedVersion = 1,
        /// <summary>The payload ends in the middle of a field (or is empty).</summary>
        Truncated = 2,
        /// <summary>A length or count is over the message's limit.</summary>
        TooLarge = 3,
        /// <summary>A field holds a value that is not allowed (bad varint, bad UTF-8, unknown code, ...).</summary>
        Malformed = 4,
    }
}

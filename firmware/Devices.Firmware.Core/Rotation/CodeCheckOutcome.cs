namespace Devices.Firmware.Core.Rotation
{
    public enum CodeCheckOutcome : byte
    {
        Valid = 0,
        /// <summary>Not the shape of a link, token or 6-digit code.</summary>
        Malformed = 1,
        /// <summary>The device id is not known to the key lookup.</summary>
        UnknownDevice = 2,
        /// <summary>The MAC does not match: made up, altered, or for another device.</summary>
        Forged = 3,
        /// <summary>Genuine but older than the tolerance allows (e.g. a photo of yesterday's code).</summary>
        TooOld = 4,
        /// <summary>Genuine but from a later period than the tolerance allows (a device clock far ahead).</summary>
        FromFuture = 5,
    }
}

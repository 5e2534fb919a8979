namespace Devices.Firmware.Core.Protocol
{
    /// <summary>What the payload of a content envelope is.</summary>
    public enum ContentKind : byte
    {
        /// <summary>LabelContentCodec bytes.</summary>
        Label = 1,
        /// <summary>TentContentCodec bytes.</summary>
        Tent = 2,
    }
}

namespace Devices.Firmware.Core.Protocol
{
    /// <summary>What the display shows. Informational: decoders accept unknown values.</summary>
    public enum DisplayState : byte
    {
        Unknown = 0,
        /// <summary>No content received yet.</summary>
        Blank = 1,
        /// <summary>The applied content.</summary>
        Content = 2,
        /// <summary>A table tent without a valid clock shows "syncing", never a wrong token.</summary>
        Syncing = 3,
        /// <summary>A notify message over the content.</summary>
        Message = 4,
        /// <summary>An error screen (self-test failure, panel fault).</summary>
        Error = 5,
    }
}

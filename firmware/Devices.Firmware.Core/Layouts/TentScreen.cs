namespace Devices.Firmware.Core.Layouts
{
    /// <summary>What a table tent shows right now. Null or empty strings mean "not shown".</summary>
    public sealed class TentScreen
    {
        /// <summary>The link in the QR code (with the current rotating token already filled in).</summary>
        public string? Link;

        /// <summary>The table's name or number, e.g. "Table 12".</summary>
        public string? TableName;

        /// <summary>Short code printed under the QR for people who cannot scan, e.g. "K7Q-4MP".</summary>
        public string? FallbackCode;

        /// <summary>One line above the code, e.g. "Scan to order and pay".</summary>
        public string? Headline;

        /// <summary>Feedback shown big for a few seconds instead of the headline, e.g. "Paid". Empty: none.</summary>
        public string? Overlay;

        /// <summary>The tent has lost its link to the gateway: a small mark in the corner.</summary>
        public bool Offline;

        /// <summary>The clock is not known yet: no code can be trusted, so none is drawn.</summary>
        public bool Syncing;
    }
}

namespace Devices.Firmware.Core.Content
{
    /// <summary>
    /// What a table tent shows: a table name, a headline and a QR code whose link comes from
    /// <see cref="LinkTemplate"/> with the rotating token filled in every <see cref="RotationSeconds"/>.
    /// With playlist entries, the tent shows the main link for <see cref="DwellSeconds"/>, then each entry for
    /// its own dwell time, and starts over.
    /// </summary>
    public sealed class TentContent
    {
        public const int MaxPlaylistEntries = 4;

        /// <summary>As printed, e.g. "Table 12".</summary>
        public string TableName = "";
        public string Headline = "";
        /// <summary>e.g. "https://m.example.com/t?d={device}&amp;c={token}"; see Rotation.LinkTemplate for the rules.</summary>
        public string LinkTemplate = "";
        /// <summary>Rotation period of the token, 1 s to 1 day.</summary>
        public uint RotationSeconds = 60;
        /// <summary>How long the main link shows before the playlist entries (ignored without entries).</summary>
        public uint DwellSeconds = 30;
        /// <summary>Show the 6-digit fallback code under the QR code for customers who cannot scan.</summary>
        public bool ShowFallbackCode;
        public TentPlaylistEntry[] Playlist = new TentPlaylistEntry[0];
    }
}

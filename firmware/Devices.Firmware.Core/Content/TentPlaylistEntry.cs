namespace Devices.Firmware.Core.Content
{
    /// <summary>One more code a table tent shows in turn with its main link (e.g. "Rate us", "Wi-Fi").</summary>
    public sealed class TentPlaylistEntry
    {
        public TentPlaylistEntry()
        {
        }

        public TentPlaylistEntry(string linkTemplate, uint dwellSeconds, string headline)
        {
            LinkTemplate = linkTemplate;
            DwellSeconds = dwellSeconds;
            Headline = headline;
        }

        /// <summary>A link template (see Rotation.LinkTemplate): may hold {device} and {token}.</summary>
        public string LinkTemplate = "";
        public uint DwellSeconds;
        /// <summary>Headline while this entry shows; empty = the tent's headline.</summary>
        public string Headline = "";
    }
}

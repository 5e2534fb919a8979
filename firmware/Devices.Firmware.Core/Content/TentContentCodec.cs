using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Rotation;

namespace Devices.Firmware.Core.Content
{
    /// <summary>
    /// The payload of a tent content envelope (ContentKind.Tent). Layout (version 1): format version, table name,
    /// headline, link template, rotation seconds (varint, 1-86400), dwell seconds (varint), show fallback code
    /// (0/1), entry count (varint, 0-4), then per entry: link template, dwell seconds, headline.
    /// Link templates must pass <see cref="LinkTemplate.IsValid"/>.
    /// </summary>
    public static class TentContentCodec
    {
        public const int FormatVersion = 1;
        public const int MaxTableNameBytes = 32;
        public const int MaxHeadlineBytes = 64;
        public const int MaxRotationSeconds = 86400;

        public static int EncodedLength(TentContent content)
        {
            var w = new WireWriter();
            Write(content, w);
            return w.Position;
        }

        public static int Encode(TentContent content, byte[] buffer, int offset)
        {
            int n = EncodedLength(content);
            WireWriter.CheckRoom("Tent", buffer, offset, n);
            Write(content, new WireWriter(buffer, offset));
            return n;
        }

        public static byte[] Encode(TentContent content)
        {
            var bytes = new byte[EncodedLength(content)];
            Write(content, new WireWriter(bytes, 0));
            return bytes;
        }

        /// <summary>Never throws; on failure <paramref name="content"/> is an empty tent.</summary>
        public static DecodeResult TryDecode(byte[]? data, int offset, int count, out TentContent content)
        {
            var r = new WireReader("Tent", data, offset, count);
            var c = new TentContent();
            r.ReadVersion(FormatVersion);
            c.TableName = r.ReadString("table name", MaxTableNameBytes);
            c.Headline = r.ReadString("headline", MaxHeadlineBytes);
            c.LinkTemplate = ReadTemplate(r, "link template");
            c.RotationSeconds = r.ReadUInt32("rotation seconds");
            if (!r.Failed && (c.RotationSeconds == 0 || c.RotationSeconds > MaxRotationSeconds))
            {
                r.Fail(DecodeError.Malformed, "rotation seconds must be 1 to 86400");
            }
            c.DwellSeconds = r.ReadUInt32("dwell seconds");
            c.ShowFallbackCode = r.ReadBool("show fallback code");
            int n = r.ReadCount("playlist length", TentContent.MaxPlaylistEntries);
            var entries = new TentPlaylistEntry[r.Failed ? 0 : n];
            for (int i = 0; i < entries.Length; i++)
            {
                var e = new TentPlaylistEntry();
                e.LinkTemplate = ReadTemplate(r, "playlist link template");
                e.DwellSeconds = r.ReadUInt32("playlist dwell seconds");
                e.Headline = r.ReadString("playlist headline", MaxHeadlineBytes);
                entries[i] = e;
            }
            c.Playlist = entries;
            content = r.Failed ? new TentContent() : c;
            return r.Result;
        }

        private static string ReadTemplate(WireReader r, string field)
        {
            string t = r.ReadString(field, LinkTemplate.MaxTemplateBytes);
            string problem;
            if (!r.Failed && !LinkTemplate.IsValid(t, out problem)) r.Fail(DecodeError.Malformed, string.Concat(field, ": ", problem));
            return t;
        }

        private static void Write(TentContent c, WireWriter w)
        {
            w.WriteByte(FormatVersion);
            w.WriteString("Tent table name", c.TableName, MaxTableNameBytes);
            w.WriteString("Tent headline", c.Headline, MaxHeadlineBytes);
            WriteTemplate(w, "Tent link template", c.LinkTemplate);
            if (c.RotationSeconds == 0 || c.RotationSeconds > MaxRotationSeconds)
            {
                throw new System.ArgumentException("Tent rotation seconds must be 1 to 86400.");
            }
            w.WriteUInt32(c.RotationSeconds);
            w.WriteUInt32(c.DwellSeconds);
            w.WriteBool(c.ShowFallbackCode);
            TentPlaylistEntry[] entries = c.Playlist == null ? new TentPlaylistEntry[0] : c.Playlist;
            if (entries.Length > TentContent.MaxPlaylistEntries)
            {
                throw new System.ArgumentException("Tent playlist has more than 4 entries.");
            }
            w.WriteUInt32((uint)entries.Length);
            for (int i = 0; i < entries.Length; i++)
            {
                WriteTemplate(w, "Tent playlist link template", entries[i].LinkTemplate);
                w.WriteUInt32(entries[i].DwellSeconds);
                w.WriteString("Tent playlist headline", entries[i].Headline, MaxHeadlineBytes);
            }
        }

        private static void WriteTemplate(WireWriter w, string field, string template)
        {
            string problem;
            if (!LinkTemplate.IsValid(template, out problem)) throw new System.ArgumentException(string.Concat(field, ": ", problem));
            w.WriteString(field, template, LinkTemplate.MaxTemplateBytes);
        }
    }
}

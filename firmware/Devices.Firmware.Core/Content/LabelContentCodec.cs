using Devices.Firmware.Core.Protocol;

namespace Devices.Firmware.Core.Content
{
    /// <summary>
    /// The payload of a label content envelope (ContentKind.Label). Layout (version 1): format version, name,
    /// price (zig-zag varint, negative = none), decimals (byte, 0-4), currency, currency-after (0/1), decimal mark
    /// (varint char code), unit price, promo, code kind (byte 0-2), code data, wake interval (varint seconds),
    /// glyph count (varint), glyph records (34 bytes each). Strings are varint length + UTF-8.
    /// </summary>
    public static class LabelContentCodec
    {
        public const int FormatVersion = 1;
        public const int MaxNameBytes = 96;
        public const int MaxCurrencyBytes = 8;
        public const int MaxUnitPriceBytes = 64;
        public const int MaxPromoBytes = 32;
        public const int MaxCodeDataBytes = 256;
        public const int MaxDecimals = 4;
        /// <summary>96 glyphs = 3264 bytes, which still fits a 4 KB label payload with every string at its limit.</summary>
        public const int MaxExtraGlyphs = 96;

        public static int EncodedLength(LabelContent content)
        {
            var w = new WireWriter();
            Write(content, w);
            return w.Position;
        }

        /// <summary>Writes at <paramref name="offset"/>, returns the length. Throws ArgumentException for values the decoder would refuse.</summary>
        public static int Encode(LabelContent content, byte[] buffer, int offset)
        {
            int n = EncodedLength(content);
            WireWriter.CheckRoom("Label", buffer, offset, n);
            Write(content, new WireWriter(buffer, offset));
            return n;
        }

        public static byte[] Encode(LabelContent content)
        {
            var bytes = new byte[EncodedLength(content)];
            Write(content, new WireWriter(bytes, 0));
            return bytes;
        }

        /// <summary>Never throws; on failure <paramref name="content"/> is an empty label.</summary>
        public static DecodeResult TryDecode(byte[]? data, int offset, int count, out LabelContent content)
        {
            var r = new WireReader("Label", data, offset, count);
            var c = new LabelContent();
            r.ReadVersion(FormatVersion);
            c.Name = r.ReadString("name", MaxNameBytes);
            c.PriceMinor = r.ReadInt64("price");
            c.PriceDecimals = r.ReadCode("price decimals", MaxDecimals);
            c.Currency = r.ReadString("currency", MaxCurrencyBytes);
            c.CurrencyAfter = r.ReadBool("currency after");
            uint mark = r.ReadUInt32("decimal mark");
            if (!r.Failed && (mark == 0 || mark > 0xFFFF || (mark >= 0xD800 && mark <= 0xDFFF)))
            {
                r.Fail(DecodeError.Malformed, "decimal mark is not a character");
            }
            c.DecimalMark = (char)mark;
            c.UnitPrice = r.ReadString("unit price", MaxUnitPriceBytes);
            c.Promo = r.ReadString("promo", MaxPromoBytes);
            c.CodeKind = (LabelCodeKind)r.ReadCode("code kind", 2);
            c.CodeData = r.ReadString("code data", MaxCodeDataBytes);
            c.WakeIntervalSeconds = r.ReadUInt32("wake interval");
            c.ExtraGlyphCount = r.ReadCount("glyph count", MaxExtraGlyphs);
            c.ExtraGlyphs = r.ReadFixed("glyphs", c.ExtraGlyphCount * LabelContent.GlyphRecordBytes);
            content = r.Failed ? new LabelContent() : c;
            return r.Result;
        }

        private static void Write(LabelContent c, WireWriter w)
        {
            w.WriteByte(FormatVersion);
            w.WriteString("Label name", c.Name, MaxNameBytes);
            w.WriteInt64(c.PriceMinor);
            w.WriteCode("Label price decimals", c.PriceDecimals, MaxDecimals);
            w.WriteString("Label currency", c.Currency, MaxCurrencyBytes);
            w.WriteBool(c.CurrencyAfter);
            if (c.DecimalMark == 0 || (c.DecimalMark >= 0xD800 && c.DecimalMark <= 0xDFFF))
            {
                throw new System.ArgumentException("Label decimal mark must be a character.");
            }
            w.WriteUInt32(c.DecimalMark);
            w.WriteString("Label unit price", c.UnitPrice, MaxUnitPriceBytes);
            w.WriteString("Label promo", c.Promo, MaxPromoBytes);
            w.WriteCode("Label code kind", (int)c.CodeKind, 2);
            w.WriteString("Label code data", c.CodeData, MaxCodeDataBytes);
            w.WriteUInt32(c.WakeIntervalSeconds);
            int glyphBytes = c.ExtraGlyphs == null ? 0 : c.ExtraGlyphs.Length;
            if (c.ExtraGlyphCount < 0 || c.ExtraGlyphCount > MaxExtraGlyphs || glyphBytes != c.ExtraGlyphCount * LabelContent.GlyphRecordBytes)
            {
                throw new System.ArgumentException(string.Concat("Label glyphs: ", c.ExtraGlyphCount.ToString(),
                    " glyphs need ", (c.ExtraGlyphCount * LabelContent.GlyphRecordBytes).ToString(), string.Concat(" bytes, ExtraGlyphs has ",
                    glyphBytes.ToString(), " (at most 96 glyphs of 34 bytes).")));
            }
            w.WriteUInt32((uint)c.ExtraGlyphCount);
            w.WriteFixed(c.ExtraGlyphs, 0, glyphBytes);
        }
    }
}

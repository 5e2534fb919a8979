namespace Devices.Firmware.Core.Content
{
    /// <summary>What a shelf label shows. Empty strings mean "not shown"; a negative price means no price.</summary>
    public sealed class LabelContent
    {
        public string Name = "";
        /// <summary>Price in minor units (cents): 1299 with 2 decimals is 12.99. Negative: no price.</summary>
        public long PriceMinor = -1;
        /// <summary>Digits after the decimal mark (0 for yen, 2 for euro).</summary>
        public int PriceDecimals = 2;
        /// <summary>Currency as printed: "€", "£", "¥", "$", "CHF".</summary>
        public string Currency = "";
        /// <summary>True prints "12,99 €", false prints "€12.99".</summary>
        public bool CurrencyAfter;
        public char DecimalMark = '.';
        /// <summary>Unit-price line as printed, e.g. "1 kg = 4,99 €".</summary>
        public string UnitPrice = "";
        /// <summary>Promo badge text, e.g. "-20%"; empty for none.</summary>
        public string Promo = "";
        public LabelCodeKind CodeKind = LabelCodeKind.None;
        /// <summary>Link for a QR code, or 12/13 digits for EAN-13.</summary>
        public string CodeData = "";
        /// <summary>Seconds between wakes for this label; 0 = the firmware's default.</summary>
        public uint WakeIntervalSeconds;
        /// <summary>
        /// Glyphs the device font lacks (e.g. Chinese, from GNU Unifont), <see cref="ExtraGlyphCount"/> records of
        /// <see cref="GlyphRecordBytes"/> bytes: the character code (2 bytes, big-endian), then 16 rows of 2 bytes,
        /// top row first, most significant bit = leftmost pixel, 1 = ink.
        /// </summary>
        public byte[] ExtraGlyphs = new byte[0];
        public int ExtraGlyphCount;

        public const int GlyphRecordBytes = 34;
    }

    public enum LabelCodeKind : byte
    {
        None = 0,
        Qr = 1,
        Ean13 = 2,
    }
}

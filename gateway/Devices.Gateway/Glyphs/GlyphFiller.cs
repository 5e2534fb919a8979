using System;
using System.Collections.Generic;
using System.Linq;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Text;
using Devices.Firmware.Core.Text.Fonts;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Glyphs;

/// <summary>
/// Adds to a label the 16×16 glyphs its text needs beyond the device fonts (e.g. Chinese product names), taken
/// from GNU Unifont. Unifont is read once, the first time a label needs it.
/// </summary>
public sealed class GlyphFiller
{
    // Every font the label layout draws words with (Core Layouts/LayoutFonts, which is internal): a character any
    // of them lacks would otherwise show as a box.
    private static readonly Font[] DeviceFonts = { SpleenFont6x12.Font, SpleenFont8x16.Font, SpleenFont12x24.Font, SpleenFont16x32.Font };

    private readonly string _path;
    private readonly Lazy<UnifontHex> _unifont;

    public GlyphFiller(IOptions<GlyphOptions> options)
    {
        _path = options.Value.UnifontHexPath;
        _unifont = new Lazy<UnifontHex>(() => UnifontHex.Load(_path));
    }

    public static bool DeviceFontsCover(char c)
    {
        foreach (var font in DeviceFonts)
        {
            if (!font.TryGetGlyph(c, out _)) return false;
        }
        return true;
    }

    /// <summary>The characters of the label's text the device fonts lack, ascending, without duplicates.</summary>
    public static IReadOnlyList<char> MissingCharacters(LabelContent label)
    {
        var text = label.Name + label.Currency + label.UnitPrice + label.Promo + label.DecimalMark;
        return text.Where(c => !char.IsControl(c) && !DeviceFontsCover(c)).Distinct().OrderBy(c => c).ToList();
    }

    /// <summary>
    /// Sets <see cref="LabelContent.ExtraGlyphs"/> to exactly the glyphs the text needs (ascending by code, as the
    /// device's glyph set requires). Returns the characters no glyph was found for (they show as a box).
    /// Throws <see cref="GlyphSourceMissingException"/> when glyphs are needed and Unifont is not installed, and
    /// ArgumentException when more than 96 are needed.
    /// </summary>
    public IReadOnlyList<char> Fill(LabelContent label)
    {
        var missing = MissingCharacters(label);
        var records = new List<byte>();
        var unknown = new List<char>();
        int count = 0;
        foreach (char c in missing)
        {
            byte[]? cell = char.IsSurrogate(c) ? null : _unifont.Value.Find(c);
            if (cell is null) { unknown.Add(c); continue; }
            records.Add((byte)(c >> 8));
            records.Add((byte)c);
            records.AddRange(cell);
            count++;
        }
        if (count > LabelContentCodec.MaxExtraGlyphs)
        {
            throw new ArgumentException("The text needs " + count + " characters beyond the device fonts; a label carries at most " +
                LabelContentCodec.MaxExtraGlyphs + ".");
        }
        label.ExtraGlyphs = records.ToArray();
        label.ExtraGlyphCount = count;
        return unknown;
    }

    /// <summary>The content's glyph records as the glyph set the device builds from them (null when none or out of order).</summary>
    public static GlyphSet? ToGlyphSet(LabelContent label)
    {
        int count = label.ExtraGlyphCount;
        if (count == 0) return null;
        var codes = new byte[count * 2];
        var bitmaps = new byte[count * UnifontHex.CellBytes];
        for (int i = 0; i < count; i++)
        {
            int at = i * LabelContent.GlyphRecordBytes;
            codes[i * 2] = label.ExtraGlyphs[at];
            codes[i * 2 + 1] = label.ExtraGlyphs[at + 1];
            Array.Copy(label.ExtraGlyphs, at + 2, bitmaps, i * UnifontHex.CellBytes, UnifontHex.CellBytes);
        }
        try { return new GlyphSet(codes, bitmaps, 16, 16); }
        catch (ArgumentException) { return null; }
    }
}

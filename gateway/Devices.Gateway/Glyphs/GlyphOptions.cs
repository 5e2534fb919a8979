namespace Devices.Gateway.Glyphs;

/// <summary>Configuration section "Glyphs".</summary>
public sealed class GlyphOptions
{
    public const string Section = "Glyphs";

    /// <summary>GNU Unifont in .hex form (Debian package "unifont"); read at run time, only when a label needs a glyph.</summary>
    public string UnifontHexPath { get; set; } = "/usr/share/unifont/unifont.hex";
}

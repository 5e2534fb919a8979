using System.Collections.Generic;

namespace FontGen;

/// <summary>One generated font: which Spleen file, the C# class name, and which characters it carries.</summary>
public sealed record FontPlan(string ClassName, string DisplayName, string SourceFile, int[] Codes, string Coverage)
{
    /// <summary>Latin-1 printable (U+0020-007E, U+00A0-00FF) plus the euro sign and the ellipsis.</summary>
    public static int[] Latin1Codes()
    {
        var codes = new List<int>();
        for (int c = 0x20; c <= 0x7E; c++) codes.Add(c);
        for (int c = 0xA0; c <= 0xFF; c++) codes.Add(c);
        codes.Add(0x2026);
        codes.Add(0x20AC);
        return codes.ToArray();
    }

    /// <summary>What a price needs: space, digits, decimal marks, currency signs, minus and percent.</summary>
    public static int[] PriceCodes() =>
        [0x20, '$', '%', ',', '-', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 0xA2, 0xA3, 0xA4, 0xA5, 0x20AC];

    public static readonly FontPlan[] All =
    [
        new("SpleenFont6x12", "Spleen 6x12", "spleen-6x12.psfu.gz", Latin1Codes(), "Latin-1, euro sign, ellipsis"),
        new("SpleenFont8x16", "Spleen 8x16", "spleen-8x16.psfu.gz", Latin1Codes(), "Latin-1, euro sign, ellipsis"),
        new("SpleenFont12x24", "Spleen 12x24", "spleen-12x24.psfu.gz", Latin1Codes(), "Latin-1, euro sign, ellipsis"),
        new("SpleenFont16x32", "Spleen 16x32", "spleen-16x32.psfu.gz", Latin1Codes(), "Latin-1, euro sign, ellipsis"),
        new("SpleenDigits32x64", "Spleen 32x64 digits", "spleen-32x64.psfu.gz", PriceCodes(),
            "price characters only: space $ % , - . 0-9 ¢ £ ¤ ¥ €"),
    ];
}

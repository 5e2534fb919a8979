using System;
using System.Text;
using Devices.Firmware.Core.Tests.Oracles;

namespace Devices.Firmware.Core.Tests.Barcodes;

/// <summary>
/// zint's own drawing of a barcode, as a string of '0'/'1' modules. `zint --dump` prints each row as hex,
/// 4 modules a digit (space after each byte), the last digit padded with 0 bits, with no quiet zones: for
/// EAN-13 "5901234123457" it prints "A2 D3 ..." where A = 1010 is the start guard plus the first light module.
/// All our symbols end with a bar, so the symbol ends at the last 1 bit.
/// </summary>
public static class ZintDump
{
    public const int Ean13 = 13;
    public const int UpcA = 34;
    public const int Code128 = 20;

    public static string Modules(int barcodeType, string data)
    {
        var r = ExternalTool.Run("zint", "-b", barcodeType.ToString(), "--dump", "--data=" + data);
        if (r.ExitCode != 0 || r.StdErr.Length > 0)
            throw new InvalidOperationException("zint refused '" + data + "': " + r.StdErr.Trim());
        var lines = r.StdOut.Trim().Split('\n');
        if (lines.Length != 1)
            throw new InvalidOperationException("zint printed " + lines.Length + " rows for a linear symbol: " + r.StdOut);
        var hex = lines[0].Replace(" ", "", StringComparison.Ordinal);
        var bits = new StringBuilder(hex.Length * 4);
        foreach (var c in hex)
            bits.Append(Convert.ToString(Convert.ToInt32(c.ToString(), 16), 2).PadLeft(4, '0'));
        var modules = bits.ToString();
        int width = modules.LastIndexOf('1') + 1;
        if (modules.Length - width > 3)
            throw new InvalidOperationException("zint dump has more than one hex digit of padding: " + lines[0]);
        return modules[..width];
    }

    /// <summary>Our pattern in the same notation, built from IsBar.</summary>
    public static string Modules(Core.Codes.BarPattern pattern)
    {
        var sb = new StringBuilder(pattern.ModuleCount);
        for (int i = 0; i < pattern.ModuleCount; i++)
            sb.Append(pattern.IsBar(i) ? '1' : '0');
        return sb.ToString();
    }
}

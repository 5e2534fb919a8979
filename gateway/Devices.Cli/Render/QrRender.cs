using System.CommandLine;
using System.IO;
using Devices.Firmware.Core.Codes;
using Devices.Imaging;

namespace Devices.Cli.Render;

/// <summary><c>devices render qr</c>: one QR code, encoded by the Core exactly as a device would.</summary>
public static class QrRender
{
    public static Command Build()
    {
        var text = RenderCommand.TextOption("--text", "The text or link to encode (UTF-8).");
        var ecc = RenderCommand.TextOption("--ecc", "Error correction level: L, M (default), Q or H.");
        var mask = RenderCommand.TextOption("--mask", "Mask pattern 0-7 (default: chosen by the standard's penalty rules).");
        var minVersion = RenderCommand.TextOption("--min-version", "Smallest version to use, 1-40 (default 1).");
        var scale = RenderCommand.TextOption("--scale", "Pixels per module, 1-100 (default 4).");
        var border = RenderCommand.TextOption("--border", "Quiet zone in modules, 0-100 (default 4, as the standard asks).");
        var output = RenderCommand.TextOption("--out", ImageOutput.OutDescription);
        var plain = RenderCommand.FlagOption("--pbm-plain", ImageOutput.PbmPlainDescription);
        var command = new Command("qr", "Draw a QR code.") { text, ecc, mask, minVersion, scale, border, output, plain };
        RenderCommand.SetVerbAction(command, (result, stdout) =>
        {
            string data = RenderCommand.Required(result, text);
            string path = RenderCommand.Required(result, output);
            bool pbmPlain = result.GetValue(plain);
            ImageOutput.CheckPath(path, pbmPlain);
            QrEcc level = ParseEcc(result.GetResult(ecc) is null ? "M" : result.GetValue(ecc));
            int maskNumber = RenderCommand.Number(result, mask, QrEncoder.AutoMask, 0, 7);
            int version = RenderCommand.Number(result, minVersion, 1, 1, 40);
            int pixels = RenderCommand.Number(result, scale, 4, 1, 100);
            int quiet = RenderCommand.Number(result, border, 4, 0, 100);

            var encoder = new QrEncoder();
            var code = new QrCode();
            if (encoder.EncodeText(data, level, version, maskNumber, code) != QrStatus.Ok)
                throw new RenderException(encoder.LastError);
            var picture = Draw(code, pixels, quiet);
            ImageOutput.Write(path, picture, pbmPlain);
            stdout.WriteLine($"wrote {Path.GetFileName(path)}: QR version {code.Version}-{EccLetter(code.Ecc)}, " +
                $"{code.Size}×{code.Size} modules, mask {code.Mask}, {pixels} px/module");
            return 0;
        });
        return command;
    }

    public static PixelGrid Draw(QrCode code, int scale, int quietModules)
    {
        int side = (code.Size + 2 * quietModules) * scale;
        if (side > 20000) throw new RenderException($"the picture would be {side} px wide: lower --scale or --border");
        var grid = new PixelGrid(side, side);
        for (int y = 0; y < code.Size; y++)
            for (int x = 0; x < code.Size; x++)
                if (code.IsDark(x, y))
                    grid.Fill((x + quietModules) * scale, (y + quietModules) * scale, scale, scale, Inks.Black);
        return grid;
    }

    private static QrEcc ParseEcc(string? text) => text?.ToUpperInvariant() switch
    {
        "L" => QrEcc.Low,
        "M" => QrEcc.Medium,
        "Q" => QrEcc.Quartile,
        "H" => QrEcc.High,
        _ => throw new RenderException($"--ecc must be L, M, Q or H, not '{text}'"),
    };

    private static char EccLetter(QrEcc ecc) => ecc switch
    {
        QrEcc.Low => 'L',
        QrEcc.Medium => 'M',
        QrEcc.Quartile => 'Q',
        _ => 'H',
    };
}

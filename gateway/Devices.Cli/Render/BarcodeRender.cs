using System.CommandLine;
using System.IO;
using Devices.Firmware.Core.Codes;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Text;
using Devices.Firmware.Core.Text.Fonts;
using Devices.Imaging;

namespace Devices.Cli.Render;

/// <summary><c>devices render barcode</c>: EAN-13, UPC-A or Code 128 with its quiet zones and the human-readable line.</summary>
public static class BarcodeRender
{
    public static Command Build()
    {
        var type = RenderCommand.TextOption("--type", "ean13, upca or code128.");
        var data = RenderCommand.TextOption("--data", "EAN-13: 12 or 13 digits; UPC-A: 11 or 12 digits; Code 128: printable ASCII.");
        var scale = RenderCommand.TextOption("--scale", "Pixels per module, 1-20 (default 2).");
        var height = RenderCommand.TextOption("--height", "Bar height in pixels, 1-2000 (default 50 modules).");
        var output = RenderCommand.TextOption("--out", ImageOutput.OutDescription);
        var plain = RenderCommand.FlagOption("--pbm-plain", ImageOutput.PbmPlainDescription);
        var command = new Command("barcode", "Draw an EAN-13, UPC-A or Code 128 barcode.") { type, data, scale, height, output, plain };
        RenderCommand.SetVerbAction(command, (result, stdout) =>
        {
            string symbology = RenderCommand.Required(result, type).ToLowerInvariant();
            string text = RenderCommand.Required(result, data);
            string path = RenderCommand.Required(result, output);
            bool pbmPlain = result.GetValue(plain);
            ImageOutput.CheckPath(path, pbmPlain);
            int pixels = RenderCommand.Number(result, scale, 2, 1, 20);
            int barHeight = RenderCommand.Number(result, height, 50 * pixels, 1, 2000);

            var pattern = new BarPattern();
            string error;
            bool ok = symbology switch
            {
                "ean13" => Ean13.TryEncode(text, pattern, out error),
                "upca" => UpcA.TryEncode(text, pattern, out error),
                "code128" => Code128.TryEncode(text, pattern, out error),
                _ => throw new RenderException($"--type must be ean13, upca or code128, not '{symbology}'"),
            };
            if (!ok) throw new RenderException(error);
            var frame = Draw(pattern, pixels, barHeight);
            ImageOutput.Write(path, new FrameImage(frame), pbmPlain);
            stdout.WriteLine($"wrote {Path.GetFileName(path)}: {Name(pattern.Symbology)} \"{pattern.Text}\", " +
                $"{pattern.ModuleCount} modules, {pixels} px/module");
            return 0;
        });
        return command;
    }

    /// <summary>Quiet zones, bars of one height, and the human-readable text centred under them.</summary>
    public static FrameBuffer Draw(BarPattern pattern, int scale, int barHeight)
    {
        var renderer = new TextRenderer(scale >= 3 ? SpleenFont12x24.Font : SpleenFont8x16.Font);
        int width = (pattern.QuietZoneLeft + pattern.ModuleCount + pattern.QuietZoneRight) * scale;
        int height = barHeight + 2 + renderer.LineHeight;
        if (width > 4096 || height > 4096) throw new RenderException($"the picture would be {width}×{height} px: lower --scale or --height");
        var frame = new FrameBuffer(width, height, false);
        int x = pattern.QuietZoneLeft * scale;
        for (int run = 0; run < pattern.RunCount; run++)
        {
            int runWidth = pattern.GetRunWidth(run) * scale;
            if (run % 2 == 0) frame.FillRect(x, 0, runWidth, barHeight, Ink.Black);
            x += runWidth;
        }
        renderer.DrawLine(frame, pattern.Text, 0, barHeight + 2, width, TextAlign.Center, Ink.Black);
        return frame;
    }

    private static string Name(Symbology symbology) => symbology switch
    {
        Symbology.Ean13 => "EAN-13",
        Symbology.UpcA => "UPC-A",
        _ => "Code 128",
    };
}

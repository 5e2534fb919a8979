using Devices.Firmware.Core.Codes;
using Devices.Imaging;

namespace Devices.Firmware.Core.Tests.Barcodes;

/// <summary>
/// Draws a <see cref="BarPattern"/> the way a label would: integer pixels per module, the required quiet zones
/// and nothing more, guard bars longer than data bars. Blits from the run widths (the API drawing code uses).
/// </summary>
public static class BarcodePicture
{
    public const int Margin = 8;        // above the bars and below the guards
    public const int BarHeight = 64;

    public static PixelGrid Render(BarPattern pattern, int pixelsPerModule)
    {
        int guardExtra = 5 * pixelsPerModule;
        int width = (pattern.QuietZoneLeft + pattern.ModuleCount + pattern.QuietZoneRight) * pixelsPerModule;
        var grid = new PixelGrid(width, Margin + BarHeight + guardExtra + Margin);
        grid.Fill(0, 0, grid.Width, grid.Height, Inks.White);
        int module = 0;
        for (int run = 0; run < pattern.RunCount; run++)
        {
            int w = pattern.GetRunWidth(run);
            if (run % 2 == 0)
            {
                int height = BarHeight + (pattern.IsGuard(module) ? guardExtra : 0);
                grid.Fill((pattern.QuietZoneLeft + module) * pixelsPerModule, Margin, w * pixelsPerModule, height, Inks.Black);
            }
            module += w;
        }
        return grid;
    }
}

using Devices.Firmware.Core.Codes;
using Devices.Imaging;

namespace Devices.Firmware.Core.Tests.Qr;

/// <summary>Draws a QrCode the way a display would: integer scale, light quiet zone.</summary>
public static class QrPicture
{
    public static PixelGrid Render(QrCode code, int scale = 3, int quietZone = 4)
    {
        int side = (code.Size + 2 * quietZone) * scale;
        var grid = new PixelGrid(side, side);
        for (int y = 0; y < code.Size; y++)
            for (int x = 0; x < code.Size; x++)
                if (code.IsDark(x, y))
                    grid.Fill((x + quietZone) * scale, (y + quietZone) * scale, scale, scale, Inks.Black);
        return grid;
    }

    public static bool[,] Modules(QrCode code)
    {
        var m = new bool[code.Size, code.Size];
        for (int y = 0; y < code.Size; y++)
            for (int x = 0; x < code.Size; x++)
                m[y, x] = code.IsDark(x, y);
        return m;
    }
}

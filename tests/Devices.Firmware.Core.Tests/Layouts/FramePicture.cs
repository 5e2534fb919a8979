using Devices.Firmware.Core.Drawing;
using Devices.Imaging;

namespace Devices.Firmware.Core.Tests.Layouts;

/// <summary>A frame as a picture for PNG and the decoders, optionally enlarged by nearest neighbour and with a
/// white margin around it (the panel's white border, for the rare test that counts it).</summary>
public sealed class FramePicture(FrameBuffer frame, int scale = 1, int border = 0) : IPixelImage
{
    public int Width => (frame.Width + 2 * border) * scale;
    public int Height => (frame.Height + 2 * border) * scale;

    public int GetPixel(int x, int y) => (int)frame.GetPixel(x / scale - border, y / scale - border);
}

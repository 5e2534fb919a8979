using System;
using Devices.Firmware.Core.Drawing;

namespace Devices.Imaging;

/// <summary>A Core <see cref="FrameBuffer"/> seen as a picture: the logical (mounted, rotated) view.</summary>
public sealed class FrameImage(FrameBuffer frame) : IPixelImage
{
    private readonly FrameBuffer _frame = frame ?? throw new ArgumentNullException(nameof(frame));

    public int Width => _frame.Width;
    public int Height => _frame.Height;

    /// <summary>0 white, 1 black, 2 red (the Core's Ink values).</summary>
    public int GetPixel(int x, int y) => (int)_frame.GetPixel(x, y);
}

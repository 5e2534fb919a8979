using System;

namespace Devices.Imaging;

/// <summary>A plain in-memory <see cref="IPixelImage"/>: handy for scaling code matrices into pictures.</summary>
public sealed class PixelGrid : IPixelImage
{
    private readonly byte[] _pixels;

    public PixelGrid(int width, int height)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), "A picture needs a positive width and height.");
        Width = width;
        Height = height;
        _pixels = new byte[width * height];
    }

    public int Width { get; }
    public int Height { get; }

    public int GetPixel(int x, int y) => _pixels[y * Width + x];

    public void SetPixel(int x, int y, int ink) => _pixels[y * Width + x] = (byte)ink;

    public void Fill(int x, int y, int width, int height, int ink)
    {
        for (int yy = Math.Max(0, y); yy < Math.Min(Height, y + height); yy++)
            for (int xx = Math.Max(0, x); xx < Math.Min(Width, x + width); xx++)
                _pixels[yy * Width + xx] = (byte)ink;
    }
}

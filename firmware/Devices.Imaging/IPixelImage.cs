namespace Devices.Imaging;

/// <summary>A small picture of at most three inks, as the Core draws them.</summary>
public interface IPixelImage
{
    int Width { get; }
    int Height { get; }

    /// <summary>The ink at (x, y): one of <see cref="Inks"/>.</summary>
    int GetPixel(int x, int y);
}

/// <summary>Ink numbers used by <see cref="IPixelImage"/> (same values as the Core's Drawing.Ink).</summary>
public static class Inks
{
    public const int White = 0;
    public const int Black = 1;
    public const int Red = 2;
}

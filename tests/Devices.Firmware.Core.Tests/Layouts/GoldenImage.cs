using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;
using Devices.Firmware.Core.Tests.Text;
using Devices.Imaging;

namespace Devices.Firmware.Core.Tests.Layouts;

/// <summary>
/// Golden pictures: committed PNGs under Layouts/Golden that a render must match pixel for pixel.
/// To accept a deliberate change, regenerate them with
///   UPDATE_GOLDEN=1 dotnet test tests/Devices.Firmware.Core.Tests --filter FullyQualifiedName~Golden
/// then look at every changed PNG before committing it.
/// </summary>
public static class GoldenImage
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "Devices.Firmware.Core.Tests", "Layouts", "Golden");

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    /// <summary>Compares the picture with the golden file (or rewrites the file when UPDATE_GOLDEN=1).</summary>
    public static void Check(string name, IPixelImage picture)
    {
        string path = Path.Combine(Folder, name + ".png");
        if (Updating)
        {
            Directory.CreateDirectory(Folder);
            PngFile.Write(path, picture);
            return;
        }
        Assert.True(File.Exists(path), $"golden image {path} is missing: run with UPDATE_GOLDEN=1 and review it");
        var (width, height, pixels) = Read(File.ReadAllBytes(path));
        Assert.True(width == picture.Width && height == picture.Height,
            $"{name}: golden is {width}×{height}, render is {picture.Width}×{picture.Height}");
        int differences = 0, firstX = -1, firstY = -1;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (pixels[y * width + x] != picture.GetPixel(x, y))
                {
                    if (differences++ == 0) { firstX = x; firstY = y; }
                }
        Assert.True(differences == 0, $"{name}: {differences} pixels differ from the golden image, first at ({firstX}, {firstY})");
    }

    /// <summary>Reads the PNGs PngFile writes: 8-bit palette, no interlace, filter 0 on every row.</summary>
    public static (int Width, int Height, byte[] Pixels) Read(byte[] png)
    {
        int pos = 8, width = 0, height = 0;
        using var idat = new MemoryStream();
        while (pos + 8 <= png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string type = Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 8 || data[9] != 3 || data[12] != 0) throw new InvalidDataException("not an 8-bit palette PNG from PngFile");
            }
            else if (type == "IDAT") idat.Write(data);
            pos += 12 + length;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        var rows = raw.ToArray();
        var pixels = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            if (rows[y * (width + 1)] != 0) throw new InvalidDataException("PNG row filter other than 0");
            Array.Copy(rows, y * (width + 1) + 1, pixels, y * width, width);
        }
        return (width, height, pixels);
    }
}

using System;
using System.IO;
using System.Text;

namespace Devices.Imaging;

/// <summary>
/// Writes an <see cref="IPixelImage"/> as a Netpbm bitmap: P1 (text) or P4 (binary, rows padded to whole bytes,
/// MSB first). In PBM 1 = black; any ink other than white (red too) counts as black.
/// </summary>
public static class PbmFile
{
    public static byte[] Encode(IPixelImage image, bool binary)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width <= 0 || image.Height <= 0)
            throw new ArgumentException("An image needs a positive width and height.", nameof(image));
        using var output = new MemoryStream();
        byte[] header = Encoding.ASCII.GetBytes($"{(binary ? "P4" : "P1")}\n{image.Width} {image.Height}\n");
        output.Write(header);
        if (binary)
        {
            var row = new byte[(image.Width + 7) / 8];
            for (int y = 0; y < image.Height; y++)
            {
                Array.Clear(row);
                for (int x = 0; x < image.Width; x++)
                    if (image.GetPixel(x, y) != Inks.White) row[x >> 3] |= (byte)(0x80 >> (x & 7));
                output.Write(row);
            }
        }
        else
        {
            // Plain PBM lines should stay under 70 characters: one digit per pixel, a newline every 64.
            var text = new StringBuilder();
            for (int y = 0; y < image.Height; y++)
            {
                for (int x = 0; x < image.Width; x++)
                {
                    text.Append(image.GetPixel(x, y) != Inks.White ? '1' : '0');
                    if (x % 64 == 63 && x != image.Width - 1) text.Append('\n');
                }
                text.Append('\n');
            }
            output.Write(Encoding.ASCII.GetBytes(text.ToString()));
        }
        return output.ToArray();
    }

    public static void Write(string path, IPixelImage image, bool binary) => File.WriteAllBytes(path, Encode(image, binary));
}

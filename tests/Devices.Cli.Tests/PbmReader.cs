using System;
using System.IO;
using System.Text;
using Devices.Imaging;

namespace Devices.Cli.Tests;

/// <summary>An independent reading of PBM files (P1 and P4) back into pixels, per the Netpbm description.</summary>
public static class PbmReader
{
    public static PixelGrid Read(byte[] file)
    {
        int pos = 0;
        string magic = Token(file, ref pos);
        int width = int.Parse(Token(file, ref pos));
        int height = int.Parse(Token(file, ref pos));
        var grid = new PixelGrid(width, height);
        if (magic == "P4")
        {
            pos++; // the single whitespace after the height
            int rowBytes = (width + 7) / 8;
            Assert.Equal(pos + rowBytes * height, file.Length);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    if ((file[pos + y * rowBytes + x / 8] & (0x80 >> (x % 8))) != 0) grid.SetPixel(x, y, Inks.Black);
        }
        else if (magic == "P1")
        {
            int count = 0;
            for (; pos < file.Length; pos++)
            {
                char c = (char)file[pos];
                if (c == '0' || c == '1')
                {
                    if (c == '1') grid.SetPixel(count % width, count / width, Inks.Black);
                    count++;
                }
                else Assert.True(char.IsWhiteSpace(c), $"unexpected byte {file[pos]} in P1 data");
            }
            Assert.Equal(width * height, count);
        }
        else throw new InvalidDataException("not a PBM: " + magic);
        return grid;
    }

    private static string Token(byte[] file, ref int pos)
    {
        while (pos < file.Length && char.IsWhiteSpace((char)file[pos])) pos++;
        var s = new StringBuilder();
        while (pos < file.Length && !char.IsWhiteSpace((char)file[pos])) s.Append((char)file[pos++]);
        return s.ToString();
    }
}

using System;
using System.Text;
using Devices.Firmware.Core.Drawing;
using Devices.Imaging;

namespace Devices.Firmware.Core.Tests.Imaging;

public class PbmFileTests
{
    private static FrameImage SampleImage(Core.Drawing.Rotation rotation)
    {
        var frame = new FrameBuffer(70, 13, true) { Rotation = rotation };
        var random = new Random(42);
        for (int y = 0; y < frame.Height; y++)
            for (int x = 0; x < frame.Width; x++) frame.SetPixel(x, y, (Ink)random.Next(3));
        return new FrameImage(frame);
    }

    [Fact]
    public void FrameImage_shows_the_logical_view_with_ink_numbers()
    {
        var frame = new FrameBuffer(16, 8, true) { Rotation = Core.Drawing.Rotation.Clockwise90 };
        frame.SetPixel(1, 2, Ink.Red);
        frame.SetPixel(3, 4, Ink.Black);
        var image = new FrameImage(frame);
        Assert.Equal((8, 16), (image.Width, image.Height));
        Assert.Equal(Inks.Red, image.GetPixel(1, 2));
        Assert.Equal(Inks.Black, image.GetPixel(3, 4));
        Assert.Equal(Inks.White, image.GetPixel(0, 0));
    }

    [Theory]
    [InlineData(false, Core.Drawing.Rotation.None)]
    [InlineData(true, Core.Drawing.Rotation.None)]
    [InlineData(false, Core.Drawing.Rotation.Clockwise270)]
    [InlineData(true, Core.Drawing.Rotation.Clockwise90)]
    public void Encoded_bitmaps_parse_back_to_the_same_pixels(bool binary, Core.Drawing.Rotation rotation)
    {
        var image = SampleImage(rotation);
        bool[,] parsed = Parse(PbmFile.Encode(image, binary));
        Assert.Equal(image.Width, parsed.GetLength(0));
        Assert.Equal(image.Height, parsed.GetLength(1));
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                Assert.Equal(image.GetPixel(x, y) != Inks.White, parsed[x, y]);
    }

    [Fact]
    public void P4_rows_are_padded_to_whole_bytes_with_zero_bits()
    {
        var frame = new FrameBuffer(10, 2, false);
        frame.FillRect(0, 0, 10, 2, Ink.Black);
        byte[] pbm = PbmFile.Encode(new FrameImage(frame), true);
        Assert.Equal("P4\n10 2\n"u8.ToArray(), pbm[..8]);
        Assert.Equal(new byte[] { 0xFF, 0xC0, 0xFF, 0xC0 }, pbm[8..]);
        Assert.Equal("P1\n10 2\n1111111111\n1111111111\n", Encoding.ASCII.GetString(PbmFile.Encode(new FrameImage(frame), false)));
    }

    /// <summary>A small independent PBM reader (P1 and P4, with comments), per the Netpbm description.</summary>
    private static bool[,] Parse(byte[] data)
    {
        int pos = 0;
        string Token()
        {
            while (true)
            {
                while (char.IsWhiteSpace((char)data[pos])) pos++;
                if (data[pos] != '#') break;
                while (data[pos] != '\n') pos++;
            }
            int start = pos;
            while (pos < data.Length && !char.IsWhiteSpace((char)data[pos])) pos++;
            return Encoding.ASCII.GetString(data, start, pos - start);
        }
        string magic = Token();
        int width = int.Parse(Token()), height = int.Parse(Token());
        var pixels = new bool[width, height];
        if (magic == "P4")
        {
            pos++; // the single whitespace after the height
            int stride = (width + 7) / 8;
            Assert.Equal(pos + stride * height, data.Length);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++) pixels[x, y] = (data[pos + y * stride + x / 8] >> (7 - x % 8) & 1) == 1;
            return pixels;
        }
        Assert.Equal("P1", magic);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                while (char.IsWhiteSpace((char)data[pos])) pos++;
                pixels[x, y] = data[pos++] == '1';
            }
        return pixels;
    }
}

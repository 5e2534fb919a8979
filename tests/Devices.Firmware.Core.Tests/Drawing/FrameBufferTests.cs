using System;
using CsCheck;
using Devices.Firmware.Core.Drawing;

namespace Devices.Firmware.Core.Tests.Drawing;

public class FrameBufferTests
{
    private static readonly Core.Drawing.Rotation[] Rotations = [Core.Drawing.Rotation.None, Core.Drawing.Rotation.Clockwise90, Core.Drawing.Rotation.Half, Core.Drawing.Rotation.Clockwise270];

    // Hand-derived from the SSD1680 layout (byte = row × bytesPerRow + column / 8, MSB = leftmost column) for a
    // 16 × 8 RAM picture, and from "the logical picture is turned clockwise into RAM" (GxEPD2's setRotation):
    // at 90° logical right runs down RAM's right edge and logical down runs leftwards.
    [Theory]
    [InlineData(Core.Drawing.Rotation.None, 0, 0, 0, 0x80)]
    [InlineData(Core.Drawing.Rotation.None, 1, 0, 0, 0x40)]
    [InlineData(Core.Drawing.Rotation.None, 9, 0, 1, 0x40)]
    [InlineData(Core.Drawing.Rotation.None, 0, 1, 2, 0x80)]
    [InlineData(Core.Drawing.Rotation.None, 15, 7, 15, 0x01)]
    [InlineData(Core.Drawing.Rotation.Clockwise90, 0, 0, 1, 0x01)]   // RAM (15, 0)
    [InlineData(Core.Drawing.Rotation.Clockwise90, 1, 0, 3, 0x01)]   // RAM (15, 1)
    [InlineData(Core.Drawing.Rotation.Clockwise90, 0, 1, 1, 0x02)]   // RAM (14, 0)
    [InlineData(Core.Drawing.Rotation.Clockwise90, 7, 15, 14, 0x80)] // RAM (0, 7)
    [InlineData(Core.Drawing.Rotation.Half, 0, 0, 15, 0x01)]         // RAM (15, 7)
    [InlineData(Core.Drawing.Rotation.Half, 1, 0, 15, 0x02)]         // RAM (14, 7)
    [InlineData(Core.Drawing.Rotation.Half, 0, 1, 13, 0x01)]         // RAM (15, 6)
    [InlineData(Core.Drawing.Rotation.Clockwise270, 0, 0, 14, 0x80)] // RAM (0, 7)
    [InlineData(Core.Drawing.Rotation.Clockwise270, 1, 0, 12, 0x80)] // RAM (0, 6)
    [InlineData(Core.Drawing.Rotation.Clockwise270, 0, 1, 14, 0x40)] // RAM (1, 7)
    [InlineData(Core.Drawing.Rotation.Clockwise270, 7, 15, 1, 0x01)] // RAM (15, 0)
    public void A_logical_pixel_lands_on_the_SSD1680_bit(Core.Drawing.Rotation rotation, int x, int y, int byteIndex, int mask)
    {
        var frame = new FrameBuffer(16, 8, true) { Rotation = rotation };
        frame.SetPixel(x, y, Ink.Black);
        for (int i = 0; i < 16; i++)
            Assert.Equal(i == byteIndex ? 0xFF & ~mask : 0xFF, frame.BlackPlane[i]); // 1 = white, the pixel is 0
        frame.SetPixel(x, y, Ink.Red);
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(0xFF, frame.BlackPlane[i]);                          // red pixels are white in the B/W plane
            Assert.Equal(i == byteIndex ? mask : 0, frame.RedPlane![i]);      // 1 = red
        }
        Assert.Equal(Ink.Red, frame.GetPixel(x, y));
    }

    [Fact]
    public void Rows_narrower_than_whole_bytes_are_padded_at_the_end()
    {
        var frame = new FrameBuffer(12, 5, false) { Rotation = Core.Drawing.Rotation.Clockwise90 };
        Assert.Equal((5, 12), (frame.Width, frame.Height));
        Assert.Equal(2, frame.BytesPerRow);
        frame.SetPixel(0, 0, Ink.Black); // RAM (11, 0): byte 1, bit 4
        Assert.Equal(0xEF, frame.BlackPlane[1]);
        frame.SetPixel(4, 11, Ink.Black); // RAM (0, 4): byte 8, MSB
        Assert.Equal(0x7F, frame.BlackPlane[8]);
    }

    [Fact]
    public void Clear_and_the_red_plane()
    {
        var red = new FrameBuffer(16, 4, true);
        Assert.All(red.BlackPlane, b => Assert.Equal(0xFF, b));
        Assert.All(red.RedPlane!, b => Assert.Equal(0x00, b));
        red.Clear(Ink.Red);
        Assert.All(red.BlackPlane, b => Assert.Equal(0xFF, b));
        Assert.All(red.RedPlane!, b => Assert.Equal(0xFF, b));
        red.Clear(Ink.Black);
        Assert.All(red.BlackPlane, b => Assert.Equal(0x00, b));
        Assert.All(red.RedPlane!, b => Assert.Equal(0x00, b));
        red.SetPixel(3, 2, Ink.Red);
        red.SetPixel(3, 2, Ink.White);
        Assert.Equal(Ink.White, red.GetPixel(3, 2));
        Assert.Equal(0, red.RedPlane![4]);

        var bw = new FrameBuffer(16, 4, false);
        Assert.Null(bw.RedPlane);
        bw.SetPixel(0, 0, Ink.Red);           // no red on a black/white panel: black instead
        Assert.Equal(Ink.Black, bw.GetPixel(0, 0));
        bw.Clear(Ink.Red);
        Assert.All(bw.BlackPlane, b => Assert.Equal(0x00, b));
        Assert.Equal(Ink.White, bw.GetPixel(-1, 0)); // outside reads as paper
    }

    private static Ink[,] Snapshot(FrameBuffer f)
    {
        var s = new Ink[f.Width, f.Height];
        for (int y = 0; y < f.Height; y++) for (int x = 0; x < f.Width; x++) s[x, y] = f.GetPixel(x, y);
        return s;
    }

    private static void Scribble(FrameBuffer f, int seed)
    {
        var random = new Random(seed);
        for (int y = 0; y < f.Height; y++) for (int x = 0; x < f.Width; x++) f.SetPixel(x, y, (Ink)random.Next(f.HasRed ? 3 : 2));
    }

    [Fact]
    public void FillRect_equals_pixel_by_pixel_SetPixel_under_every_rotation_and_clip()
    {
        var coordinate = Gen.Int[-30, 60];
        Gen.Select(Gen.Int[0, 3], Gen.Select(coordinate, coordinate, Gen.Int[-5, 50], Gen.Int[-5, 50]),
            Gen.Select(coordinate, coordinate, Gen.Int[-5, 60], Gen.Int[-5, 60]), Gen.Int[0, 2], Gen.Int[0, 1000])
            .Sample((r, rect, clip, ink, seed) =>
            {
                var fast = new FrameBuffer(21, 34, true) { Rotation = Rotations[r] };
                var slow = new FrameBuffer(21, 34, true) { Rotation = Rotations[r] };
                Scribble(fast, seed);
                Scribble(slow, seed);
                fast.SetClip(clip.Item1, clip.Item2, clip.Item3, clip.Item4);
                fast.FillRect(rect.Item1, rect.Item2, rect.Item3, rect.Item4, (Ink)ink);
                for (int y = rect.Item2; y < rect.Item2 + rect.Item4; y++)
                    for (int x = rect.Item1; x < rect.Item1 + rect.Item3; x++)
                        if (x >= clip.Item1 && x < clip.Item1 + clip.Item3 && y >= clip.Item2 && y < clip.Item2 + clip.Item4)
                            slow.SetPixel(x, y, (Ink)ink);
                Assert.Equal(slow.BlackPlane, fast.BlackPlane);
                Assert.Equal(slow.RedPlane, fast.RedPlane);
            }, iter: 1500);
    }

    [Fact]
    public void InvertRect_swaps_black_and_white_keeps_red_and_twice_is_identity()
    {
        Gen.Select(Gen.Int[0, 3], Gen.Int[-10, 40], Gen.Int[-10, 40], Gen.Int[-5, 45], Gen.Int[-5, 45], Gen.Int[0, 1000])
            .Sample((r, x0, y0, w, h, seed) =>
            {
                var frame = new FrameBuffer(19, 27, true) { Rotation = Rotations[r] };
                Scribble(frame, seed);
                var before = Snapshot(frame);
                byte[] black = (byte[])frame.BlackPlane.Clone(), red = (byte[])frame.RedPlane!.Clone();
                frame.InvertRect(x0, y0, w, h);
                for (int y = 0; y < frame.Height; y++)
                    for (int x = 0; x < frame.Width; x++)
                    {
                        bool inside = x >= x0 && x < x0 + w && y >= y0 && y < y0 + h;
                        Ink expected = !inside || before[x, y] == Ink.Red ? before[x, y]
                            : before[x, y] == Ink.Black ? Ink.White : Ink.Black;
                        Assert.Equal(expected, frame.GetPixel(x, y));
                    }
                frame.InvertRect(x0, y0, w, h);
                Assert.Equal(black, frame.BlackPlane);
                Assert.Equal(red, frame.RedPlane);
            }, iter: 500);
    }

    [Fact]
    public void Lines_join_their_endpoints_with_the_closest_pixels_either_way_round()
    {
        var point = Gen.Select(Gen.Int[-5, 40], Gen.Int[-5, 30]);
        Gen.Select(point, point, Gen.Int[0, 3]).Sample((a, b, r) =>
        {
            var forward = new FrameBuffer(30, 40, false) { Rotation = Rotations[r] };
            var backward = new FrameBuffer(30, 40, false) { Rotation = Rotations[r] };
            var big = new FrameBuffer(200, 200, false); // unclipped copy to count every pixel
            forward.DrawLine(a.Item1, a.Item2, b.Item1, b.Item2, Ink.Black);
            backward.DrawLine(b.Item1, b.Item2, a.Item1, a.Item2, Ink.Black);
            big.DrawLine(a.Item1 + 50, a.Item2 + 50, b.Item1 + 50, b.Item2 + 50, Ink.Black);
            Assert.Equal(forward.BlackPlane, backward.BlackPlane);
            Assert.Equal(Ink.Black, big.GetPixel(a.Item1 + 50, a.Item2 + 50));
            Assert.Equal(Ink.Black, big.GetPixel(b.Item1 + 50, b.Item2 + 50));
            int dx = b.Item1 - a.Item1, dy = b.Item2 - a.Item2;
            int count = 0;
            for (int y = 0; y < 200; y++)
                for (int x = 0; x < 200; x++)
                {
                    if (big.GetPixel(x, y) != Ink.Black) continue;
                    count++;
                    // Within half a pixel of the ideal line along the minor axis.
                    double px = x - 50 - a.Item1, py = y - 50 - a.Item2;
                    if (Math.Abs(dx) >= Math.Abs(dy))
                        Assert.True(Math.Abs(py - (dx == 0 ? 0 : px * dy / (double)dx)) <= 0.5 + 1e-9, $"({x},{y}) strays");
                    else
                        Assert.True(Math.Abs(px - py * dx / (double)dy) <= 0.5 + 1e-9, $"({x},{y}) strays");
                    // Visible part agrees with the clipped frames.
                    int fx = x - 50, fy = y - 50;
                    if (fx >= 0 && fy >= 0 && fx < forward.Width && fy < forward.Height)
                        Assert.Equal(Ink.Black, forward.GetPixel(fx, fy));
                }
            Assert.Equal(Math.Max(Math.Abs(dx), Math.Abs(dy)) + 1, count); // one pixel per step, no gaps or doubles
        }, iter: 400);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void DrawBitmap_paints_each_set_bit_as_a_scale_square(int scale)
    {
        var random = new Random(scale);
        int width = 13, height = 7, stride = 3;
        var bits = new byte[1 + stride * height];
        random.NextBytes(bits);
        foreach (var rotation in Rotations)
        {
            var frame = new FrameBuffer(64, 48, true) { Rotation = rotation };
            Scribble(frame, 7);
            var before = Snapshot(frame);
            int x0 = -3, y0 = 5;
            frame.DrawBitmap(bits, 1, stride, width, height, x0, y0, scale, Ink.Red);
            for (int y = 0; y < frame.Height; y++)
                for (int x = 0; x < frame.Width; x++)
                {
                    int col = (x - x0) / scale, row = (y - y0) / scale;
                    bool set = x >= x0 && y >= y0 && col < width && row < height
                        && (bits[1 + row * stride + col / 8] & (0x80 >> (col % 8))) != 0;
                    Assert.Equal(set ? Ink.Red : before[x, y], frame.GetPixel(x, y));
                }
        }
        Assert.Throws<ArgumentException>(() => new FrameBuffer(8, 8, false).DrawBitmap(bits, 1, stride, width, 8, 0, 0, 1, Ink.Black));
    }

    [Fact]
    public void Huge_and_negative_coordinates_never_throw_or_write_outside_the_clip()
    {
        int[] values = [int.MinValue, int.MinValue + 1, -100000, -1, 0, 1, 5, 31, 100000, int.MaxValue - 1, int.MaxValue];
        foreach (var rotation in Rotations)
        {
            var frame = new FrameBuffer(32, 24, true) { Rotation = rotation };
            Scribble(frame, 3);
            var before = Snapshot(frame);
            frame.SetClip(4, 5, 10, 8);
            var bits = new byte[] { 0xFF, 0xFF };
            foreach (int a in values)
                foreach (int b in values)
                {
                    frame.SetPixel(a, b, Ink.Black);
                    frame.FillRect(a, b, b, a, Ink.Black);
                    frame.FillRect(a, 6, 10, 1, Ink.Black);
                    frame.FillRect(a, b, int.MaxValue, int.MaxValue, Ink.Black);
                    frame.InvertRect(a, b, 3, b);
                    frame.DrawRect(a, b, a, b, 2, Ink.Red);
                    frame.DrawLine(a, b, b, a, Ink.Black);
                    frame.DrawLine(a, 6, b, 7, Ink.Black);
                    frame.DrawLine(a, b, 8, 9, Ink.Black);
                    frame.DrawBitmap(bits, 0, 2, 16, 1, a, b, 3, Ink.Black);
                    frame.GetPixel(a, b);
                }
            for (int y = 0; y < frame.Height; y++)
                for (int x = 0; x < frame.Width; x++)
                    if (x < 4 || x >= 14 || y < 5 || y >= 13) Assert.Equal(before[x, y], frame.GetPixel(x, y));

            // A rectangle far to the left must not spill into view.
            var clean = new FrameBuffer(32, 24, false) { Rotation = rotation };
            clean.FillRect(int.MinValue, 0, 10, 10, Ink.Black);
            clean.FillRect(0, int.MinValue + 5, 10, 10, Ink.Black);
            Assert.All(clean.BlackPlane, b => Assert.Equal(0xFF, b));
            // A clip reaching "to infinity" still covers the right edge.
            clean.SetClip(10, 0, int.MaxValue, int.MaxValue);
            clean.SetPixel(clean.Width - 1, 5, Ink.Black);
            Assert.Equal(Ink.Black, clean.GetPixel(clean.Width - 1, 5));
        }
    }

    [Fact]
    public void A_long_line_from_far_outside_crosses_the_frame_where_it_should()
    {
        var frame = new FrameBuffer(40, 40, false);
        frame.DrawLine(-1_000_000_000, 20, 1_000_000_000, 20, Ink.Black); // horizontal: the fast path
        frame.DrawLine(int.MinValue, int.MinValue, int.MaxValue, int.MaxValue, Ink.Black); // the diagonal
        for (int x = 0; x < 40; x++)
        {
            Assert.Equal(Ink.Black, frame.GetPixel(x, 20));
            Assert.Equal(Ink.Black, frame.GetPixel(x, x));
        }
    }
}

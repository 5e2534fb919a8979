using System;

namespace Devices.Firmware.Core.Drawing
{
    /// <summary>
    /// A 1-bit picture packed exactly as an SSD1680-family controller holds it in RAM: rows of bytes, MSB is the
    /// leftmost pixel, bit 1 = white (command 0x24). Three-colour panels get a second plane, bit 1 = red (0x26).
    /// Drawing uses logical coordinates after <see cref="Rotation"/>, clipped to the clip rectangle, so nothing can
    /// ever be written outside the planes.
    /// </summary>
    public sealed class FrameBuffer
    {
        private readonly byte[] _black;
        private readonly byte[]? _red;
        private Rotation _rotation;
        private int _clipX, _clipY, _clipRight, _clipBottom; // logical, right/bottom exclusive

        /// <param name="nativeWidth">Pixels along the controller's source lines (bytes in a RAM row × 8, or fewer).</param>
        /// <param name="nativeHeight">Rows (gate lines).</param>
        /// <param name="hasRed">True for black/white/red panels.</param>
        public FrameBuffer(int nativeWidth, int nativeHeight, bool hasRed)
        {
            if (nativeWidth <= 0 || nativeHeight <= 0 || nativeWidth > 4096 || nativeHeight > 4096)
                throw new ArgumentOutOfRangeException("nativeWidth", "A panel is 1 to 4096 pixels each way.");
            NativeWidth = nativeWidth;
            NativeHeight = nativeHeight;
            BytesPerRow = (nativeWidth + 7) / 8;
            _black = new byte[BytesPerRow * nativeHeight];
            _red = hasRed ? new byte[BytesPerRow * nativeHeight] : null;
            Rotation = Rotation.None;
            Clear(Ink.White);
        }

        public int NativeWidth { get; private set; }
        public int NativeHeight { get; private set; }
        public int BytesPerRow { get; private set; }

        /// <summary>Black/white plane in RAM order (1 = white). Send as-is with command 0x24.</summary>
        public byte[] BlackPlane { get { return _black; } }

        /// <summary>Red plane in RAM order (1 = red), or null on black/white panels. Send with command 0x26.</summary>
        public byte[]? RedPlane { get { return _red; } }

        public bool HasRed { get { return _red != null; } }

        /// <summary>Logical width after rotation.</summary>
        public int Width
        {
            get { return _rotation == Rotation.Clockwise90 || _rotation == Rotation.Clockwise270 ? NativeHeight : NativeWidth; }
        }

        /// <summary>Logical height after rotation.</summary>
        public int Height
        {
            get { return _rotation == Rotation.Clockwise90 || _rotation == Rotation.Clockwise270 ? NativeWidth : NativeHeight; }
        }

        /// <summary>Setting the rotation also resets the clip to the whole (rotated) frame.</summary>
        public Rotation Rotation
        {
            get { return _rotation; }
            set
            {
                if ((int)value < 0 || (int)value > 3) throw new ArgumentOutOfRangeException("value", "Rotation is 0, 90, 180 or 270 degrees.");
                _rotation = value;
                ResetClip();
            }
        }

        /// <summary>Restricts drawing to a rectangle (intersected with the frame).</summary>
        public void SetClip(int x, int y, int width, int height)
        {
            // long: x + width must not wrap around for huge arguments.
            _clipX = Clamp(x, 0, Width);
            _clipY = Clamp(y, 0, Height);
            _clipRight = Clamp((long)x + Math.Max(0, width), _clipX, Width);
            _clipBottom = Clamp((long)y + Math.Max(0, height), _clipY, Height);
        }

        public void ResetClip()
        {
            _clipX = 0;
            _clipY = 0;
            _clipRight = Width;
            _clipBottom = Height;
        }

        public void Clear(Ink ink)
        {
            // Red falls back to black on black/white panels, as in SetPixel.
            byte blackByte = ink == Ink.Black || (ink == Ink.Red && _red == null) ? (byte)0x00 : (byte)0xFF;
            for (int i = 0; i < _black.Length; i++) _black[i] = blackByte;
            if (_red != null)
            {
                byte redByte = ink == Ink.Red ? (byte)0xFF : (byte)0x00;
                for (int i = 0; i < _red.Length; i++) _red[i] = redByte;
            }
        }

        public Ink GetPixel(int x, int y)
        {
            if (x < 0 || y < 0 || x >= Width || y >= Height) return Ink.White;
            int nx, ny;
            ToNative(x, y, out nx, out ny);
            int index = ny * BytesPerRow + (nx >> 3);
            int mask = 0x80 >> (nx & 7);
            if (_red != null && (_red[index] & mask) != 0) return Ink.Red;
            return (_black[index] & mask) != 0 ? Ink.White : Ink.Black;
        }

        public void SetPixel(int x, int y, Ink ink)
        {
            if (x < _clipX || y < _clipY || x >= _clipRight || y >= _clipBottom) return;
            int nx, ny;
            ToNative(x, y, out nx, out ny);
            int index = ny * BytesPerRow + (nx >> 3);
            byte mask = (byte)(0x80 >> (nx & 7));
            Put(index, mask, ink);
        }

        /// <summary>Fills a rectangle; the fast path for everything blocky (codes, boxes, bars).</summary>
        public void FillRect(int x, int y, int width, int height, Ink ink)
        {
            int nx0, ny0, nx1, ny1;
            if (!ClipToNative(x, y, width, height, out nx0, out ny0, out nx1, out ny1)) return;
            for (int ny = ny0; ny < ny1; ny++)
            {
                int rowStart = ny * BytesPerRow;
                int nx = nx0;
                while (nx < nx1)
                {
                    int bit = nx & 7;
                    int run = Math.Min(8 - bit, nx1 - nx);
                    byte mask = (byte)(((0xFF >> bit) & (0xFF << (8 - bit - run))) & 0xFF);
                    Put(rowStart + (nx >> 3), mask, ink);
                    nx += run;
                }
            }
        }

        /// <summary>Swaps black and white inside a rectangle (red stays red): inverted badges and highlights.</summary>
        public void InvertRect(int x, int y, int width, int height)
        {
            int nx0, ny0, nx1, ny1;
            if (!ClipToNative(x, y, width, height, out nx0, out ny0, out nx1, out ny1)) return;
            for (int ny = ny0; ny < ny1; ny++)
            {
                int rowStart = ny * BytesPerRow;
                int nx = nx0;
                while (nx < nx1)
                {
                    int bit = nx & 7;
                    int run = Math.Min(8 - bit, nx1 - nx);
                    int mask = (0xFF >> bit) & (0xFF << (8 - bit - run)) & 0xFF;
                    int index = rowStart + (nx >> 3);
                    if (_red != null) mask &= ~_red[index];
                    _black[index] = (byte)(_black[index] ^ mask);
                    nx += run;
                }
            }
        }

        /// <summary>Outline of a rectangle, <paramref name="thickness"/> pixels wide, inside the given bounds.</summary>
        public void DrawRect(int x, int y, int width, int height, int thickness, Ink ink)
        {
            if (width <= 0 || height <= 0 || thickness <= 0) return;
            int t = Math.Min(thickness, Math.Min((width + 1) / 2, (height + 1) / 2));
            FillRect(x, y, width, t, ink);
            FillRect(x, y + height - t, width, t, ink);
            FillRect(x, y + t, t, height - 2 * t, ink);
            FillRect(x + width - t, y + t, t, height - 2 * t, ink);
        }

        /// <summary>A one-pixel line between two points (Bresenham), clipped.</summary>
        public void DrawLine(int x0, int y0, int x1, int y1, Ink ink)
        {
            // One direction only, so a line from A to B covers the same pixels as from B to A.
            if (y0 > y1 || (y0 == y1 && x0 > x1))
            {
                int t = x0; x0 = x1; x1 = t;
                t = y0; y0 = y1; y1 = t;
            }
            if (y0 == y1) { FillRect(x0, y0, Clamp((long)x1 - x0 + 1, 0, int.MaxValue), 1, ink); return; }
            if (x0 == x1) { FillRect(x0, y0, 1, Clamp((long)y1 - y0 + 1, 0, int.MaxValue), ink); return; }
            if (!IsModest(x0) || !IsModest(y0) || !IsModest(x1) || !IsModest(y1))
            {
                // Far-out endpoints: cut the segment down to the frame first, so the walk below stays short
                // and its arithmetic cannot overflow. Lines of ordinary size keep their exact Bresenham pixels.
                if (!ClipSegment(ref x0, ref y0, ref x1, ref y1)) return;
            }
            int dx = Math.Abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
            int dy = -Math.Abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
            int err = dx + dy;
            while (true)
            {
                SetPixel(x0, y0, ink);
                if (x0 == x1 && y0 == y1) break;
                int e2 = 2 * err;
                if (e2 >= dy) { err += dy; x0 += sx; }
                if (e2 <= dx) { err += dx; y0 += sy; }
            }
        }

        private const int ModestLimit = 1 << 15;

        private static bool IsModest(int v)
        {
            return v > -ModestLimit && v < ModestLimit;
        }

        /// <summary>Liang–Barsky clip of a segment to the frame plus a one-pixel margin; false when it misses.</summary>
        private bool ClipSegment(ref int x0, ref int y0, ref int x1, ref int y1)
        {
            double ax = x0, ay = y0, dx = (double)x1 - x0, dy = (double)y1 - y0;
            double t0 = 0, t1 = 1;
            if (!ClipEdge(-dx, ax - (-1), ref t0, ref t1) || !ClipEdge(dx, Width - ax, ref t0, ref t1)
                || !ClipEdge(-dy, ay - (-1), ref t0, ref t1) || !ClipEdge(dy, Height - ay, ref t0, ref t1))
                return false;
            x0 = Nearest(ax + t0 * dx);
            y0 = Nearest(ay + t0 * dy);
            x1 = Nearest(ax + t1 * dx);
            y1 = Nearest(ay + t1 * dy);
            return true;
        }

        /// <summary>Rounds a value that lies within a pixel of the frame (so it fits an int).</summary>
        private static int Nearest(double v)
        {
            return v >= 0 ? (int)(v + 0.5) : -(int)(0.5 - v);
        }

        private static int Clamp(long v, int low, int high)
        {
            return v < low ? low : (v > high ? high : (int)v);
        }

        private static bool ClipEdge(double p, double q, ref double t0, ref double t1)
        {
            if (p == 0) return q >= 0;
            double r = q / p;
            if (p < 0)
            {
                if (r > t1) return false;
                if (r > t0) t0 = r;
            }
            else
            {
                if (r < t0) return false;
                if (r < t1) t1 = r;
            }
            return true;
        }

        /// <summary>
        /// Draws a packed 1-bit bitmap (rows of <paramref name="bytesPerRow"/> bytes, MSB = leftmost, 1 = ink,
        /// 0 = transparent), each bit as a <paramref name="scale"/>×<paramref name="scale"/> square.
        /// </summary>
        public void DrawBitmap(byte[] bits, int offset, int bytesPerRow, int width, int height, int x, int y, int scale, Ink ink)
        {
            if (bits == null || width <= 0 || height <= 0 || scale <= 0) return;
            if (offset < 0 || bytesPerRow < (width + 7) / 8
                || offset + (long)bytesPerRow * (height - 1) + (width + 7) / 8 > bits.Length)
                throw new ArgumentException("The bitmap is smaller than its stated size.");
            for (int row = 0; row < height; row++)
            {
                int rowStart = offset + row * bytesPerRow;
                int py = y + row * scale;
                if (py >= _clipBottom) break;
                if (py + scale <= _clipY) continue;
                int col = 0;
                while (col < width)
                {
                    // Draw horizontal runs of set bits as one rectangle.
                    if ((bits[rowStart + (col >> 3)] & (0x80 >> (col & 7))) == 0) { col++; continue; }
                    int start = col;
                    while (col < width && (bits[rowStart + (col >> 3)] & (0x80 >> (col & 7))) != 0) col++;
                    FillRect(x + start * scale, py, (col - start) * scale, scale, ink);
                }
            }
        }

        private void Put(int index, byte mask, Ink ink)
        {
            if (ink == Ink.Black || (ink == Ink.Red && _red == null))
            {
                _black[index] = (byte)(_black[index] & ~mask);
                if (_red != null) _red[index] = (byte)(_red[index] & ~mask);
            }
            else
            {
                _black[index] = (byte)(_black[index] | mask);
                if (_red != null)
                {
                    if (ink == Ink.Red) _red[index] = (byte)(_red[index] | mask);
                    else _red[index] = (byte)(_red[index] & ~mask);
                }
            }
        }

        private void ToNative(int x, int y, out int nx, out int ny)
        {
            switch (_rotation)
            {
                case Rotation.Clockwise90: nx = NativeWidth - 1 - y; ny = x; break;
                case Rotation.Half: nx = NativeWidth - 1 - x; ny = NativeHeight - 1 - y; break;
                case Rotation.Clockwise270: nx = y; ny = NativeHeight - 1 - x; break;
                default: nx = x; ny = y; break;
            }
        }

        /// <summary>Clips a logical rectangle and maps it to native corners (right/bottom exclusive).</summary>
        private bool ClipToNative(int x, int y, int width, int height, out int nx0, out int ny0, out int nx1, out int ny1)
        {
            nx0 = ny0 = nx1 = ny1 = 0;
            if (width <= 0 || height <= 0) return false;
            int x0 = Math.Max(x, _clipX), y0 = Math.Max(y, _clipY);
            // long: x + width may overflow for absurd input.
            int x1 = Clamp((long)x + width, int.MinValue, _clipRight);
            int y1 = Clamp((long)y + height, int.MinValue, _clipBottom);
            if (x0 >= x1 || y0 >= y1) return false;
            int ax, ay, bx, by;
            ToNative(x0, y0, out ax, out ay);
            ToNative(x1 - 1, y1 - 1, out bx, out by);
            nx0 = Math.Min(ax, bx); nx1 = Math.Max(ax, bx) + 1;
            ny0 = Math.Min(ay, by); ny1 = Math.Max(ay, by) + 1;
            return true;
        }
    }
}

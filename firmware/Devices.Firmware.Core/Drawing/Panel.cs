using System;

namespace Devices.Firmware.Core.Drawing
{
    /// <summary>
    /// An e-paper panel we ship: its controller RAM geometry, how it is mounted, and its pixel pitch (which
    /// decides how small a code module may get and still scan).
    /// </summary>
    public sealed class Panel
    {
        public Panel(string size, string controller, int nativeWidth, int nativeHeight, Rotation mounting, bool hasRed, int pixelPitchMicrons)
        {
            Size = size;
            Controller = controller;
            NativeWidth = nativeWidth;
            NativeHeight = nativeHeight;
            Mounting = mounting;
            HasRed = hasRed;
            PixelPitchMicrons = pixelPitchMicrons;
        }

        /// <summary>Diagonal as we name it: "2.13", "2.9", "4.2".</summary>
        public string Size { get; private set; }
        public string Controller { get; private set; }
        public int NativeWidth { get; private set; }
        public int NativeHeight { get; private set; }
        /// <summary>
        /// How the mounted (landscape) picture is turned, clockwise, to be stored in RAM order (as GxEPD2's
        /// setRotation): with Clockwise90 the logical top-left pixel is RAM's top-right one.
        /// </summary>
        public Rotation Mounting { get; private set; }
        public bool HasRed { get; private set; }
        /// <summary>Distance between pixel centres, in micrometres (from the panel datasheets' active area).</summary>
        public int PixelPitchMicrons { get; private set; }

        /// <summary>Width of the mounted view.</summary>
        public int Width { get { return Mounting == Rotation.Clockwise90 || Mounting == Rotation.Clockwise270 ? NativeHeight : NativeWidth; } }
        public int Height { get { return Mounting == Rotation.Clockwise90 || Mounting == Rotation.Clockwise270 ? NativeWidth : NativeHeight; } }

        public FrameBuffer CreateFrame()
        {
            var frame = new FrameBuffer(NativeWidth, NativeHeight, HasRed);
            frame.Rotation = Mounting;
            return frame;
        }

        // 2.13": 250×122 visible, RAM 16 bytes × 250 rows; active area 48.55 mm × 23.71 mm.
        public static readonly Panel Epd213 = new Panel("2.13", "SSD1680", 122, 250, Rotation.Clockwise90, false, 194);
        // 2.9": 296×128, RAM 16 bytes × 296 rows = 4736 B; active area 66.9 mm × 29.06 mm.
        public static readonly Panel Epd29 = new Panel("2.9", "SSD1680", 128, 296, Rotation.Clockwise90, false, 227);
        // 4.2": 400×300, RAM 50 bytes × 300 rows = 15,000 B; active area 84.8 mm × 63.6 mm.
        public static readonly Panel Epd42 = new Panel("4.2", "SSD1683", 400, 300, Rotation.None, false, 212);

        /// <summary>The panel of a given size ("2.13", "2.9", "4.2"), black/white or black/white/red.</summary>
        public static Panel Find(string size, bool red)
        {
            Panel basePanel;
            if (size == "2.13") basePanel = Epd213;
            else if (size == "2.9") basePanel = Epd29;
            else if (size == "4.2") basePanel = Epd42;
            else throw new ArgumentException(string.Concat("Unknown panel size '", size, "': use 2.13, 2.9 or 4.2."));
            if (!red) return basePanel;
            return new Panel(basePanel.Size, basePanel.Controller, basePanel.NativeWidth, basePanel.NativeHeight,
                basePanel.Mounting, true, basePanel.PixelPitchMicrons);
        }
    }
}

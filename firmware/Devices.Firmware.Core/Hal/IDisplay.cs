namespace Devices.Firmware.Core.Hal
{
    /// <summary>An e-paper panel. Frames arrive as raw planes in SSD1680 RAM order (rows of bytes, MSB = leftmost pixel).</summary>
    public interface IDisplay
    {
        /// <summary>Visible width in pixels.</summary>
        int Width { get; }

        /// <summary>Visible height in pixels.</summary>
        int Height { get; }

        /// <summary>True when the panel has a red (third colour) plane.</summary>
        bool HasRed { get; }

        /// <summary>True when the panel can do a fast partial refresh (black/white panels only).</summary>
        bool SupportsPartialRefresh { get; }

        /// <summary>
        /// Shows a frame. blackPlane: 1 = white, 0 = black. redPlane: 1 = red, or null for none (ignored by
        /// black/white panels). fullRefresh false asks for a partial refresh where supported.
        /// </summary>
        void Show(byte[] blackPlane, byte[]? redPlane, bool fullRefresh);

        /// <summary>Puts the panel controller into deep sleep; the picture stays. The next Show wakes it.</summary>
        void PowerDown();
    }
}

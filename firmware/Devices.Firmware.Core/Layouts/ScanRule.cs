namespace Devices.Firmware.Core.Layouts
{
    /// <summary>
    /// When a code is too small to draw. Phone cameras and shop scanners read e-paper modules of about 0.38 mm and
    /// up reliably; below two pixels a module also loses its shape (one stray pixel changes it). So a module must be
    /// at least 2 pixels AND at least <see cref="MinModuleMicrons"/> wide. On our panels (pitch 194 to 227 µm) both
    /// come to 2 pixels; a finer panel would need 3. A code that cannot meet this is reported, never drawn.
    /// </summary>
    public static class ScanRule
    {
        public const int MinModuleMicrons = 380;
        public const int MinModulePixelsAnyPanel = 2;

        /// <summary>Quiet zone drawn inside the frame around a QR code, in modules: at least 2 (the panel's white
        /// border and the label's white frame add to it; the standard's 4 are drawn whenever they fit).</summary>
        public const int MinQrQuietModules = 2;
        public const int PreferredQrQuietModules = 4;

        public static int MinModulePixels(int pixelPitchMicrons)
        {
            if (pixelPitchMicrons <= 0) return MinModulePixelsAnyPanel;
            int pixels = (MinModuleMicrons + pixelPitchMicrons - 1) / pixelPitchMicrons;
            return pixels < MinModulePixelsAnyPanel ? MinModulePixelsAnyPanel : pixels;
        }
    }
}

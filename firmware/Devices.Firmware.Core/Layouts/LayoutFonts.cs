using Devices.Firmware.Core.Text;
using Devices.Firmware.Core.Text.Fonts;

namespace Devices.Firmware.Core.Layouts
{
    /// <summary>The fonts the layouts draw with, by role, in one place (all Spleen, see Text/Fonts).</summary>
    internal static class LayoutFonts
    {
        /// <summary>6×12: unit prices and marks on the small panels.</summary>
        public static Font Small { get { return SpleenFont6x12.Font; } }
        /// <summary>8×16: names and headlines on the small panels.</summary>
        public static Font Medium { get { return SpleenFont8x16.Font; } }
        /// <summary>12×24: names on the 4.2" panel, badges, barcode digits.</summary>
        public static Font Large { get { return SpleenFont12x24.Font; } }
        /// <summary>16×32: table names, overlays; scaled ×2 for the biggest words.</summary>
        public static Font Big { get { return SpleenFont16x32.Font; } }
        /// <summary>32×64, price characters only (digits, marks, currency signs): the whole units of a price.</summary>
        public static Font PriceDigits { get { return SpleenDigits32x64.Font; } }
    }
}

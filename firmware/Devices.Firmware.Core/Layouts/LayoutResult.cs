namespace Devices.Firmware.Core.Layouts
{
    /// <summary>
    /// What a render did. A layout never throws on content: a code that cannot be drawn scannable is left out and
    /// said here, and so is anything else that had to be dropped. The object is owned by the layout and reused.
    /// </summary>
    public sealed class LayoutResult
    {
        /// <summary>True when a QR code or barcode was drawn (and is big enough to scan).</summary>
        public bool CodeDrawn { get; private set; }

        /// <summary>Pixels per module of the drawn code; 0 when none was drawn.</summary>
        public int ModulePixels { get; private set; }

        /// <summary>Light modules drawn around the code inside the frame (the smallest side).</summary>
        public int QuietZoneModules { get; private set; }

        /// <summary>The code's box on the frame, quiet zone included (all 0 when no code was drawn). Nothing else
        /// is drawn inside it.</summary>
        public int CodeLeft { get; private set; }
        public int CodeTop { get; private set; }
        public int CodeWidth { get; private set; }
        public int CodeHeight { get; private set; }

        /// <summary>Empty when everything asked for was drawn; otherwise what was left out and why ("; "-separated).</summary>
        public string Problem { get; private set; } = "";

        public bool HasProblem { get { return Problem.Length > 0; } }

        internal void Reset()
        {
            CodeDrawn = false;
            ModulePixels = 0;
            QuietZoneModules = 0;
            CodeLeft = CodeTop = CodeWidth = CodeHeight = 0;
            Problem = "";
        }

        internal void SetCode(int modulePixels, int quietZoneModules, int left, int top, int width, int height)
        {
            CodeDrawn = true;
            CodeLeft = left;
            CodeTop = top;
            CodeWidth = width;
            CodeHeight = height;
            ModulePixels = modulePixels;
            QuietZoneModules = quietZoneModules;
        }

        internal void AddProblem(string problem)
        {
            Problem = Problem.Length == 0 ? problem : string.Concat(Problem, "; ", problem);
        }
    }
}

namespace Devices.Firmware.Core.Hal
{
    /// <summary>
    /// A barcode-scanner module on a UART. Poll design: the app's loop calls Read, which never blocks, and feeds
    /// what it got to a ScanFramer together with the clock. Polling keeps all Core code on one thread (no driver
    /// thread calling into the Core) and lets the framer's silence timeout run from the same loop.
    /// </summary>
    public interface IScanner
    {
        /// <summary>True when the module answered at start-up (a table tent may be built without one).</summary>
        bool IsPresent { get; }

        /// <summary>Copies up to count received bytes into buffer; returns how many (0 when none). Never blocks.</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Puts the module into the mode the Core expects (continuous sensing, CR terminator); false if it did not confirm.</summary>
        bool Configure();

        /// <summary>Starts one read in command-triggered mode (e.g. GM65 "7E 00 08 01 00 02 01 AB CD").</summary>
        void Trigger();
    }
}

namespace Devices.Firmware.Core.Hal
{
    /// <summary>
    /// Small key/value files in flash (I:\ on the device). Names are flat: letters, digits, '.', '-' and '_', at
    /// most 31 characters. Values are small (a few KB at most).
    /// </summary>
    public interface IStorage
    {
        /// <summary>True when a file with this name exists.</summary>
        bool Exists(string name);

        /// <summary>The whole content, or null when the file does not exist.</summary>
        byte[]? Read(string name);

        /// <summary>
        /// Replaces the content atomically: after a power cut a reader sees the old content or the new one, never a
        /// mix (write a temporary file, flush, rename over). Callers still check a CRC: flash file systems differ.
        /// </summary>
        void Write(string name, byte[] data, int offset, int count);

        /// <summary>Deletes the file; does nothing when it does not exist.</summary>
        void Delete(string name);

        /// <summary>The names that start with prefix, in no particular order (may include an implementation's stray temporary files).</summary>
        string[] List(string prefix);
    }
}

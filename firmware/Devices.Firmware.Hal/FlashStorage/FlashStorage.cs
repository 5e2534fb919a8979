using System;
using System.Collections;
using System.IO;
using Devices.Firmware.Core.Hal;

namespace Devices.Firmware.Hal.FlashStorage
{
    /// <summary>
    /// Files on the internal flash drive I:\ with atomic replace: write name.tmp, flush, delete name, rename.
    /// A power cut between delete and rename leaves only name.tmp, which Read then promotes (it was complete:
    /// it was flushed before the delete). Checked against nanoframework/System.IO.FileSystem
    /// (System.IO.FileSystem/File.cs, FileStream.cs, Directory.cs).
    /// </summary>
    public sealed class FlashStorage : IStorage
    {
        private const string Root = "I:\\";
        private const string TempSuffix = ".tmp";

        public bool Exists(string name)
        {
            return File.Exists(Path(name)) || File.Exists(Path(name) + TempSuffix);
        }

        public byte[]? Read(string name)
        {
            string path = Path(name);
            if (!File.Exists(path))
            {
                if (!File.Exists(path + TempSuffix)) return null;
                File.Move(path + TempSuffix, path); // finish a replace cut short by a power loss
            }
            return File.ReadAllBytes(path);
        }

        public void Write(string name, byte[] data, int offset, int count)
        {
            string path = Path(name);
            string temp = path + TempSuffix;
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                stream.Write(data, offset, count);
                stream.Flush();
            }
            if (File.Exists(path)) File.Delete(path);
            File.Move(temp, path);
        }

        public void Delete(string name)
        {
            string path = Path(name);
            if (File.Exists(path)) File.Delete(path);
            if (File.Exists(path + TempSuffix)) File.Delete(path + TempSuffix);
        }

        public string[] List(string prefix)
        {
            string[] files = Directory.GetFiles(Root);
            var names = new ArrayList();
            for (int i = 0; i < files.Length; i++)
            {
                string n = files[i].Substring(files[i].LastIndexOf('\\') + 1);
                if (n.StartsWith(prefix)) names.Add(n);
            }
            var result = new string[names.Count];
            names.CopyTo(result, 0);
            return result;
        }

        private static string Path(string name)
        {
            if (name == null || name.Length == 0 || name.Length > 31) throw new ArgumentException("Storage names are 1 to 31 characters.");
            return string.Concat(Root, name);
        }
    }
}

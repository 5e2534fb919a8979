using System;
using System.Collections.Generic;
using System.IO;
using Devices.Firmware.Core.Hal;

namespace Devices.Simulator.Hardware;

/// <summary>
/// The device's flash drive as a folder: one file per name. Writes go to a temporary file that is flushed to
/// disk and then renamed over the old one, so a crash leaves the old content or the new one.
/// </summary>
public sealed class FolderStorage : IStorage
{
    private const string TempSuffix = ".tmp~";

    public FolderStorage(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public bool Exists(string name) => File.Exists(PathOf(name));

    public byte[]? Read(string name)
    {
        string path = PathOf(name);
        try { return File.ReadAllBytes(path); }
        catch (FileNotFoundException) { return null; }
    }

    public void Write(string name, byte[] data, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (offset < 0 || count < 0 || offset > data.Length - count)
            throw new ArgumentOutOfRangeException(nameof(count), "offset and count must lie inside data");
        string path = PathOf(name);
        string temp = path + TempSuffix;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(data, offset, count);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    public void Delete(string name)
    {
        File.Delete(PathOf(name));
    }

    public string[] List(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var names = new List<string>();
        foreach (string path in Directory.EnumerateFiles(Folder))
        {
            string name = Path.GetFileName(path);
            if (name.StartsWith(prefix, StringComparison.Ordinal) && !name.EndsWith(TempSuffix, StringComparison.Ordinal))
                names.Add(name);
        }
        return names.ToArray();
    }

    /// <summary>Same name rules as the device's flash: flat, letters, digits, '.', '-', '_', at most 31 characters.</summary>
    private string PathOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Length > 31 || name == "." || name == "..")
            throw new ArgumentException($"A storage name is 1 to 31 characters, not '{name}'.", nameof(name));
        foreach (char c in name)
        {
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
            if (!ok) throw new ArgumentException($"A storage name uses letters, digits, '.', '-' and '_' only, not '{name}'.", nameof(name));
        }
        return Path.Combine(Folder, name);
    }
}

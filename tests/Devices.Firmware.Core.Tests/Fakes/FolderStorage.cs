using System;
using System.IO;
using System.Linq;
using Devices.Firmware.Core.Hal;

namespace Devices.Firmware.Core.Tests.Fakes;

/// <summary>
/// IStorage on a desktop folder with atomic replace: write name.tmp, flush to disk, rename over name.
/// Left-over temp files from an interrupted write are removed when the storage is opened.
/// </summary>
public sealed class FolderStorage : IStorage
{
    private const string TempSuffix = ".tmp";
    private readonly string _folder;

    public FolderStorage(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
        foreach (var temp in Directory.GetFiles(folder, "*" + TempSuffix)) File.Delete(temp);
    }

    public bool Exists(string name) => File.Exists(PathOf(name));

    public byte[]? Read(string name)
    {
        string path = PathOf(name);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public void Write(string name, byte[] data, int offset, int count)
    {
        string path = PathOf(name);
        string temp = path + TempSuffix;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(data, offset, count);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    public void Delete(string name) => File.Delete(PathOf(name));

    public string[] List(string prefix) =>
        Directory.GetFiles(_folder).Select(Path.GetFileName).Where(n => n!.StartsWith(prefix, StringComparison.Ordinal)).ToArray()!;

    private string PathOf(string name)
    {
        StorageNames.Check(name);
        return Path.Combine(_folder, name);
    }
}

using System;
using System.IO;

namespace Devices.Hardware.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repo
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Devices.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("Devices.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Boards => Path.Combine(Root, "hardware", "boards");

    public static string[] BoardFiles => Directory.GetFiles(Boards, "*.json") is var all
        ? Array.FindAll(all, f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
        : [];

    public static string TempFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "devices-hardware-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}

using System;
using System.IO;

namespace Devices.Firmware.Core.Tests.Text;

public static class RepositoryPaths
{
    /// <summary>The folder holding Devices.sln, found by walking up from the test binaries.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Devices.sln"))) return dir.FullName;
            throw new InvalidOperationException("Devices.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string GeneratedFonts => Path.Combine(Root, "firmware", "Devices.Firmware.Core", "Text", "Fonts");
    public static string Supplement => Path.Combine(Root, "tools", "FontGen", "supplement", "spleen-supplement.txt");
}

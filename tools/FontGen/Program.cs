using System;
using System.IO;
using FontGen;

// dotnet run --project tools/FontGen -- --out firmware/Devices.Firmware.Core/Text/Fonts [--fonts DIR] [--copyright FILE]
string? output = null;
string fonts = FontGenerator.DefaultFontDirectory, copyright = FontGenerator.DefaultCopyrightFile;
string supplement = Path.Combine(AppContext.BaseDirectory, "supplement", "spleen-supplement.txt");
for (int i = 0; i < args.Length; i++)
{
    string value = i + 1 < args.Length ? args[i + 1] : "";
    switch (args[i])
    {
        case "--out": output = value; i++; break;
        case "--fonts": fonts = value; i++; break;
        case "--copyright": copyright = value; i++; break;
        case "--supplement": supplement = value; i++; break;
        default:
            Console.Error.WriteLine($"FontGen: unknown argument '{args[i]}'.");
            return 2;
    }
}
if (output == null)
{
    Console.Error.WriteLine("Usage: FontGen --out DIR [--fonts DIR] [--copyright FILE] [--supplement FILE]");
    return 2;
}
try
{
    foreach (string name in FontGenerator.Generate(fonts, supplement, copyright, output))
        Console.WriteLine(Path.Combine(output, name));
    return 0;
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"FontGen: {e.Message}");
    return 1;
}

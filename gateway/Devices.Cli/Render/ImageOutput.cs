using System;
using System.IO;
using Devices.Imaging;

namespace Devices.Cli.Render;

/// <summary>
/// Writes a rendered picture by the output file's extension: .png (palette PNG, red kept red) or .pbm (binary P4,
/// or plain-text P1 with --pbm-plain; PBM has no red, so red prints as black).
/// </summary>
public static class ImageOutput
{
    public const string OutDescription = "Output file: .png, or .pbm (binary P4; plain P1 with --pbm-plain).";
    public const string PbmPlainDescription = "Write a .pbm as plain text (P1) instead of binary (P4).";

    /// <summary>Checks the name before any work is done, so a typo fails fast.</summary>
    public static void CheckPath(string path, bool pbmPlain)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension != ".png" && extension != ".pbm")
            throw new RenderException($"--out must end in .png or .pbm, not '{Path.GetFileName(path)}'");
        if (pbmPlain && extension != ".pbm")
            throw new RenderException("--pbm-plain applies to .pbm output only");
    }

    public static void Write(string path, IPixelImage image, bool pbmPlain)
    {
        byte[] bytes = Path.GetExtension(path).Equals(".pbm", StringComparison.OrdinalIgnoreCase)
            ? PbmFile.Encode(image, binary: !pbmPlain)
            : PngFile.Encode(image);
        try
        {
            File.WriteAllBytes(path, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RenderException($"cannot write {path}: {e.Message}");
        }
    }
}

using System.Diagnostics;
using System.Text;

namespace Devices.Firmware.Core.Tests.Qr;

/// <summary>
/// zbarimg's raw output as bytes. Oracles.Decoders.ZBar reads stdout as UTF-8 text and then takes Latin-1 bytes of
/// it, which mangles any non-ASCII payload; here stdout is read as Latin-1 so each byte survives.
/// </summary>
public static class ZBarBytes
{
    public static byte[]? Read(string pngPath)
    {
        var psi = new ProcessStartInfo("zbarimg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.Latin1,
        };
        foreach (var a in new[] { "--quiet", "--raw", "-Sbinary", pngPath }) psi.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new System.InvalidOperationException("zbarimg is not installed (" + e.Message + "). Run tests/run.sh, which installs zbar-tools.", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            _ = stderr.Result;
            if (process.ExitCode != 0) return null;
            var bytes = Encoding.Latin1.GetBytes(output);
            return bytes.Length > 0 && bytes[^1] == (byte)'\n' ? bytes[..^1] : bytes;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Devices.Firmware.Core.Codes;
using Devices.Firmware.Core.Tests.Oracles;

namespace Devices.Firmware.Core.Tests.Qr;

/// <summary>Every version at every level, filled close to capacity, must read back exactly with zbar and ZXing.</summary>
public class QrDecodeTests
{
    private static readonly QrEcc[] Levels = { QrEcc.Low, QrEcc.Medium, QrEcc.Quartile, QrEcc.High };

    private enum Kind { Numeric, Alphanumeric, Ascii, Chinese }

    [Fact]
    public void All160SymbolsDecodeWithZBarAndZXing()
    {
        var cases = new List<(int Version, QrEcc Ecc, Kind Kind, string Text)>();
        for (int v = 1; v <= 40; v++)
            foreach (var ecc in Levels)
            {
                var kind = (Kind)((v + (int)ecc) % 4);
                cases.Add((v, ecc, kind, FillVersion(v, ecc, kind, new Random(v * 10 + (int)ecc))));
            }

        var failures = new string[cases.Count];
        Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var (v, ecc, kind, text) = cases[i];
            var code = new QrCode();
            var status = new QrEncoder().EncodeText(text, ecc, v, QrEncoder.AutoMask, code);
            string where = "v" + v + " " + ecc + " " + kind + " (" + text.Length + " chars)";
            if (status != QrStatus.Ok || code.Version != v) { failures[i] = where + ": encoded as v" + code.Version + ", " + status; return; }
            var expected = Encoding.UTF8.GetBytes(text);
            var png = Decoders.WritePng(QrPicture.Render(code));
            var zbar = ZBarBytes.Read(png);
            if (zbar is null || !zbar.AsSpan().SequenceEqual(expected)) { failures[i] = where + ": zbar read " + Describe(zbar); return; }
            var zxing = Decoders.ZXing(png);
            if (zxing is null || zxing.Format != "QRCode" || zxing.Text != text)
                failures[i] = where + ": ZXing read " + (zxing is null ? "nothing" : zxing.Format + " " + zxing.Text.Length + " chars");
            else
                System.IO.File.Delete(png);
        });
        var failed = failures.Where(f => f != null).ToArray();
        Assert.True(failed.Length == 0, failed.Length + " of 160 symbols failed:\n" + string.Join("\n", failed));
    }

    /// <summary>The longest text of this kind that still fits the version (by trying, from an estimate).</summary>
    private static string FillVersion(int version, QrEcc ecc, Kind kind, Random random)
    {
        int bytes = QrEncoder.ByteCapacity(version, ecc);
        int n = kind switch
        {
            Kind.Numeric => bytes * 8 / 10 * 3 + 3,
            Kind.Alphanumeric => bytes * 8 / 11 * 2 + 2,
            Kind.Chinese => bytes / 3 + 1,
            _ => bytes + 1,
        };
        while (true)
        {
            string text = Make(kind, n, random);
            if (QrEncoder.SmallestVersionForText(text, ecc, 1) == version) return text;
            n--;
        }
    }

    private static string Make(Kind kind, int n, Random random)
    {
        const string alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        var sb = new StringBuilder(n);
        for (int i = 0; i < n; i++)
        {
            sb.Append(kind switch
            {
                Kind.Numeric => (char)('0' + random.Next(10)),
                Kind.Alphanumeric => alnum[random.Next(alnum.Length)],
                Kind.Chinese => (char)(0x4E00 + random.Next(0x5000)), // CJK unified ideographs, 3 bytes in UTF-8
                _ => (char)random.Next(0x21, 0x7F),
            });
        }
        // A numeric run must stay numeric and an alphanumeric one must not collapse to numeric.
        if (kind == Kind.Alphanumeric && n > 0) sb[0] = 'Q';
        if (kind == Kind.Ascii && n > 0) sb[0] = 'a';
        return sb.ToString();
    }

    private static string Describe(byte[]? b) => b is null ? "nothing" : b.Length + " bytes";
}

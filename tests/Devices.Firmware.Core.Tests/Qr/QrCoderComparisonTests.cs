using System;
using System.Collections;
using Devices.Firmware.Core.Codes;
using QRCoder;

namespace Devices.Firmware.Core.Tests.Qr;

/// <summary>
/// Module-for-module agreement with QRCoder 1.8.1. QRCoder's byte[] overload encodes one byte-mode segment with no
/// ECI header, exactly what our Encode(byte[]) writes, so arbitrary bytes (0-255) compare directly. The mask is read
/// from QRCoder's own format information, never from its internals.
/// </summary>
public class QrCoderComparisonTests
{
    private const int QuietZone = 4; // QRCoder's ModuleMatrix includes it

    [Fact]
    public void ThreeHundredRandomByteSymbolsMatchQRCoderModuleForModule()
    {
        var random = new Random(18004);
        var encoder = new QrEncoder();
        var ours = new QrCode();
        using var generator = new QRCodeGenerator();
        var versionsSeen = new bool[41];
        for (int n = 0; n < 300; n++)
        {
            var ecc = (QrEcc)(n % 4);
            // Mostly small symbols (what devices draw), a fifth of them up to version 40.
            int max = n % 5 == 0 ? QrEncoder.ByteCapacity(40, ecc) : 300;
            var data = new byte[random.Next(1, max + 1)];
            random.NextBytes(data);

            var theirs = generator.CreateQrCode(data, ToQRCoder(ecc));
            var matrix = theirs.ModuleMatrix;
            int size = matrix.Count - 2 * QuietZone;
            var (theirLevel, theirMask) = ReadFormat(matrix, size);
            Assert.Equal(FormatLevelBits(ecc), theirLevel);

            Assert.Equal(QrStatus.Ok, encoder.Encode(data, 0, data.Length, ecc, 1, theirMask, ours));
            Assert.Equal(theirs.Version, ours.Version);
            Assert.Equal(size, ours.Size);
            versionsSeen[ours.Version] = true;
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                    if (matrix[y + QuietZone][x + QuietZone] != ours.IsDark(x, y))
                        Assert.Fail("case " + n + " (" + data.Length + " bytes, v" + ours.Version + " " + ecc + ", mask " + theirMask + "): module (" + x + "," + y + ") differs");
        }
        int distinct = 0;
        foreach (var seen in versionsSeen) if (seen) distinct++;
        Assert.True(distinct >= 20, "only " + distinct + " distinct versions compared");
    }

    /// <summary>The 15 format bits around the top-left finder, unmasked with 0x5412: level bits and mask.</summary>
    public static (int Level, int Mask) ReadFormat(System.Collections.Generic.List<BitArray> matrix, int size)
    {
        bool Dark(int x, int y) => matrix[y + QuietZone][x + QuietZone];
        int bits = 0;
        // Bit i sits at: (8, 0..5), (8, 7), (8, 8), (7, 8), then (5..0, 8) for bits 9..14.
        for (int i = 0; i <= 5; i++) bits |= (Dark(8, i) ? 1 : 0) << i;
        bits |= (Dark(8, 7) ? 1 : 0) << 6;
        bits |= (Dark(8, 8) ? 1 : 0) << 7;
        bits |= (Dark(7, 8) ? 1 : 0) << 8;
        for (int i = 9; i < 15; i++) bits |= (Dark(14 - i, 8) ? 1 : 0) << i;
        int data = (bits ^ 0x5412) >> 10;
        return (data >> 3, data & 7);
    }

    public static int FormatLevelBits(QrEcc ecc) => ecc switch
    {
        QrEcc.Low => 1,
        QrEcc.Medium => 0,
        QrEcc.Quartile => 3,
        _ => 2,
    };

    public static QRCodeGenerator.ECCLevel ToQRCoder(QrEcc ecc) => ecc switch
    {
        QrEcc.Low => QRCodeGenerator.ECCLevel.L,
        QrEcc.Medium => QRCodeGenerator.ECCLevel.M,
        QrEcc.Quartile => QRCodeGenerator.ECCLevel.Q,
        _ => QRCodeGenerator.ECCLevel.H,
    };
}

using System;
using Devices.Firmware.Core.Codes;

namespace Devices.Firmware.Core.Tests.Qr;

/// <summary>Version choice at the capacity edges, against the standard's byte-mode capacity table.</summary>
public class QrCapacityTests
{
    /// <summary>ISO/IEC 18004 table 7, byte mode data capacity in 8-bit bytes, columns L, M, Q, H; row = version.</summary>
    private static readonly int[,] IsoByteCapacity =
    {
        { 17, 14, 11, 7 }, { 32, 26, 20, 14 }, { 53, 42, 32, 24 }, { 78, 62, 46, 34 }, { 106, 84, 60, 44 },
        { 134, 106, 74, 58 }, { 154, 122, 86, 64 }, { 192, 152, 108, 84 }, { 230, 180, 130, 98 }, { 271, 213, 151, 119 },
        { 321, 251, 177, 137 }, { 367, 287, 203, 155 }, { 425, 331, 241, 177 }, { 458, 362, 258, 194 }, { 520, 412, 292, 220 },
        { 586, 450, 322, 250 }, { 644, 504, 364, 280 }, { 718, 560, 394, 310 }, { 792, 624, 442, 338 }, { 858, 666, 482, 382 },
        { 929, 711, 509, 403 }, { 1003, 779, 565, 439 }, { 1091, 857, 611, 461 }, { 1171, 911, 661, 511 }, { 1273, 997, 715, 535 },
        { 1367, 1059, 751, 593 }, { 1465, 1125, 805, 625 }, { 1528, 1190, 868, 658 }, { 1628, 1264, 908, 698 }, { 1732, 1370, 982, 742 },
        { 1840, 1452, 1030, 790 }, { 1952, 1538, 1112, 842 }, { 2068, 1628, 1168, 898 }, { 2188, 1722, 1228, 958 }, { 2303, 1809, 1283, 983 },
        { 2431, 1911, 1351, 1051 }, { 2563, 1989, 1423, 1093 }, { 2699, 2099, 1499, 1139 }, { 2809, 2213, 1579, 1219 }, { 2953, 2331, 1663, 1273 },
    };

    private static int Iso(int version, QrEcc ecc) => IsoByteCapacity[version - 1, (int)ecc];

    [Fact]
    public void LargestPayloadFitsExactlyItsVersionAndOneMoreByteMovesUp()
    {
        var encoder = new QrEncoder();
        var code = new QrCode();
        var data = new byte[3000];
        new Random(7).NextBytes(data);
        for (int v = 1; v <= 40; v++)
        {
            for (int e = 0; e < 4; e++)
            {
                var ecc = (QrEcc)e;
                int capacity = Iso(v, ecc);
                string at = "v" + v + " " + ecc;
                Assert.True(QrEncoder.ByteCapacity(v, ecc) == capacity, at + ": ByteCapacity " + QrEncoder.ByteCapacity(v, ecc) + ", ISO " + capacity);
                Assert.Equal(QrStatus.Ok, encoder.Encode(data, 0, capacity, ecc, 1, QrEncoder.AutoMask, code));
                Assert.True(code.Version == v, at + ": " + capacity + " bytes went to v" + code.Version);
                Assert.Equal(v, QrEncoder.SmallestVersion(capacity, ecc, 1));
                var status = encoder.Encode(data, 0, capacity + 1, ecc, 1, QrEncoder.AutoMask, code);
                if (v < 40)
                {
                    Assert.Equal(QrStatus.Ok, status);
                    Assert.True(code.Version == v + 1, at + ": " + (capacity + 1) + " bytes went to v" + code.Version);
                    Assert.Equal(v + 1, QrEncoder.SmallestVersion(capacity + 1, ecc, 1));
                }
                else
                {
                    Assert.Equal(QrStatus.DataTooLong, status);
                    Assert.Equal(0, QrEncoder.SmallestVersion(capacity + 1, ecc, 1));
                }
            }
        }
    }

    [Theory]
    [InlineData(QrEcc.Low, "L", 2953)]
    [InlineData(QrEcc.Medium, "M", 2331)]
    [InlineData(QrEcc.Quartile, "Q", 1663)]
    [InlineData(QrEcc.High, "H", 1273)]
    public void BeyondVersion40TheErrorNamesBytesCapacityAndMode(QrEcc ecc, string level, int capacity)
    {
        var encoder = new QrEncoder();
        var code = new QrCode();
        var data = new byte[capacity + 1];
        Assert.Equal(QrStatus.DataTooLong, encoder.Encode(data, 0, data.Length, ecc, 1, QrEncoder.AutoMask, code));
        Assert.Equal("Data too long for a QR code: " + (capacity + 1) + " bytes in byte mode, but version 40 at level " + level
            + " holds at most " + capacity + " bytes.", encoder.LastError);

        var ex = Assert.Throws<QrDataTooLongException>(() => QrEncoder.EncodeText(new string('a', capacity + 1), ecc));
        Assert.IsAssignableFrom<ArgumentException>(ex);
        Assert.Contains(capacity.ToString(), ex.Message);
        Assert.Equal(0, QrEncoder.SmallestVersionForText(new string('a', capacity + 1), ecc, 1));
    }

    [Fact]
    public void TextModesHaveTheStandardsVersion40Capacities()
    {
        // ISO/IEC 18004 table 7, version 40-L: 7089 digits, 4296 alphanumerics.
        var encoder = new QrEncoder();
        var code = new QrCode();
        Assert.Equal(QrStatus.Ok, encoder.EncodeText(new string('7', 7089), QrEcc.Low, 1, QrEncoder.AutoMask, code));
        Assert.Equal(40, code.Version);
        Assert.Equal(QrStatus.DataTooLong, encoder.EncodeText(new string('7', 7090), QrEcc.Low, 1, QrEncoder.AutoMask, code));
        Assert.Equal("Data too long for a QR code: 7090 characters in numeric mode, but version 40 at level L holds at most 7089 characters.", encoder.LastError);
        Assert.Equal(QrStatus.Ok, encoder.EncodeText(new string('A', 4296), QrEcc.Low, 1, QrEncoder.AutoMask, code));
        Assert.Equal(QrStatus.DataTooLong, encoder.EncodeText(new string('A', 4297), QrEcc.Low, 1, QrEncoder.AutoMask, code));
        Assert.Contains("alphanumeric mode", encoder.LastError);
        // Version 1-H: 17 digits, 10 alphanumerics; v1-L: 41 digits, 25 alphanumerics.
        Assert.Equal(1, QrEncoder.SmallestVersionForText(new string('1', 17), QrEcc.High, 1));
        Assert.Equal(2, QrEncoder.SmallestVersionForText(new string('1', 18), QrEcc.High, 1));
        Assert.Equal(1, QrEncoder.SmallestVersionForText(new string('B', 10), QrEcc.High, 1));
        Assert.Equal(2, QrEncoder.SmallestVersionForText(new string('B', 11), QrEcc.High, 1));
        Assert.Equal(1, QrEncoder.SmallestVersionForText(new string('1', 41), QrEcc.Low, 1));
        Assert.Equal(1, QrEncoder.SmallestVersionForText(new string('B', 25), QrEcc.Low, 1));
        Assert.Equal(2, QrEncoder.SmallestVersionForText(new string('B', 26), QrEcc.Low, 1));
    }

    [Fact]
    public void MinimumVersionIsHonoured()
    {
        var code = new QrCode();
        Assert.Equal(QrStatus.Ok, new QrEncoder().EncodeText("HI", QrEcc.Medium, 7, QrEncoder.AutoMask, code));
        Assert.Equal(7, code.Version);
        Assert.Equal(45, code.Size);
        Assert.Equal(7, QrEncoder.SmallestVersionForText("HI", QrEcc.Medium, 7));
    }
}

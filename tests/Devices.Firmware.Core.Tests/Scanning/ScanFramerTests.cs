using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;
using Devices.Firmware.Core.Scanning;

namespace Devices.Firmware.Core.Tests.Scanning;

public class ScanFramerTests
{
    private sealed class Collector
    {
        public readonly List<(string Text, bool Truncated)> Scans = new();
        public readonly ScanFramer Framer;

        public Collector(int maxLength = 512, int silenceMs = 50) =>
            Framer = new ScanFramer((data, count, truncated) => Scans.Add((Encoding.Latin1.GetString(data, 0, count), truncated)), maxLength, silenceMs);

        public void Push(string text, long nowMs)
        {
            var bytes = Encoding.Latin1.GetBytes(text);
            Framer.Push(bytes, 0, bytes.Length, nowMs);
        }

        public string[] Texts => Scans.Select(s => s.Text).ToArray();
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\t")]
    [InlineData("\r\n")]
    public void EachTerminatorEndsAScanOnce(string terminator)
    {
        var c = new Collector();
        c.Push("4006381333931" + terminator + "https://x.example/p?a=1" + terminator, 0);
        Assert.Equal(new[] { "4006381333931", "https://x.example/p?a=1" }, c.Texts);
        Assert.All(c.Scans, s => Assert.False(s.Truncated));
    }

    [Fact]
    public void EmptyLinesAreNotScans()
    {
        var c = new Collector();
        c.Push("\r\n\r\n\t\nA\r\r\n\nB\n", 0);
        Assert.Equal(new[] { "A", "B" }, c.Texts);
    }

    [Fact]
    public void ScansSplitAcrossReadsAreJoined()
    {
        var c = new Collector();
        c.Push("HEL", 0);
        c.Push("LO\r", 5);
        c.Push("\nWOR", 10);
        c.Push("LD", 15);
        Assert.Equal(new[] { "HELLO" }, c.Texts);
        c.Push("\r", 20);
        Assert.Equal(new[] { "HELLO", "WORLD" }, c.Texts);
    }

    [Fact]
    public void ByteByByteReadsGiveTheSameScans()
    {
        var c = new Collector();
        var bytes = Encoding.ASCII.GetBytes("ABC\r\nDEF\tGHI\n");
        for (int i = 0; i < bytes.Length; i++) c.Framer.Push(bytes, i, 1, i);
        Assert.Equal(new[] { "ABC", "DEF", "GHI" }, c.Texts);
    }

    [Fact]
    public void SilenceEndsAScanWithoutTerminator()
    {
        var c = new Collector(silenceMs: 50);
        c.Push("12345", 1000);
        c.Framer.Tick(1049);
        Assert.Empty(c.Scans);
        Assert.Equal(5, c.Framer.PendingLength);
        c.Framer.Tick(1050);
        Assert.Equal(new[] { "12345" }, c.Texts);
        c.Framer.Tick(5000);
        Assert.Single(c.Scans);
    }

    [Fact]
    public void BytesAfterASilenceStartANewScanEvenWithoutTick()
    {
        var c = new Collector(silenceMs: 50);
        c.Push("AB", 0);
        c.Push("CD", 30); // 30 ms gap: same scan
        c.Push("EF", 100); // 70 ms gap: new scan
        Assert.Equal(new[] { "ABCD" }, c.Texts);
        c.Framer.Tick(150);
        Assert.Equal(new[] { "ABCD", "EF" }, c.Texts);
    }

    [Fact]
    public void ZeroSilenceMeansTerminatorsOnly()
    {
        var c = new Collector(silenceMs: 0);
        c.Push("AB", 0);
        c.Framer.Tick(1_000_000);
        c.Push("CD", 2_000_000);
        Assert.Empty(c.Scans);
        c.Push("\r", 2_000_001);
        Assert.Equal(new[] { "ABCD" }, c.Texts);
    }

    [Fact]
    public void OversizeScanIsCutFlaggedAndItsRestDiscarded()
    {
        var c = new Collector(maxLength: 512);
        string longScan = new string('x', 511) + "yz" + new string('q', 300);
        c.Push(longScan + "\r\nNEXT\r", 0);
        Assert.Equal(2, c.Scans.Count);
        Assert.Equal(new string('x', 511) + "y", c.Scans[0].Text);
        Assert.True(c.Scans[0].Truncated);
        Assert.Equal(("NEXT", false), c.Scans[1]);
    }

    [Fact]
    public void OversizeScanWithoutTerminatorEndsAtSilence()
    {
        var c = new Collector(maxLength: 8, silenceMs: 50);
        c.Push("0123456789ABCDEF", 0);
        c.Framer.Tick(60);
        c.Push("short", 100);
        c.Framer.Tick(200);
        Assert.Equal(new[] { ("01234567", true), ("short", false) }, c.Scans.ToArray());
    }

    [Fact]
    public void ScanOfExactlyTheLimitIsNotTruncated()
    {
        var c = new Collector(maxLength: 512);
        c.Push(new string('a', 512) + "\n", 0);
        Assert.Equal((new string('a', 512), false), Assert.Single(c.Scans));
    }

    [Fact]
    public void NoAllocationPerByteOrPerScan()
    {
        int scans = 0;
        var framer = new ScanFramer((d, n, t) => scans++);
        var chunk = Encoding.ASCII.GetBytes("https://t.example/q/AbCdEfGh12\r\n" + new string('z', 700) + "\n");
        framer.Push(chunk, 0, chunk.Length, 0); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) framer.Push(chunk, 0, chunk.Length, i);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(2002, scans);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void BadArgumentsGetClearErrors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScanFramer((d, n, t) => { }, 0, 50));
        var framer = new ScanFramer((d, n, t) => { });
        Assert.Throws<ArgumentOutOfRangeException>(() => framer.Push(new byte[4], 2, 3, 0));
    }

    /// <summary>Random scans, random terminators, random read splits: the framer gives back exactly the model's scans.</summary>
    [Fact]
    public void RandomStreamsFrameLikeTheModel()
    {
        const int limit = 40;
        var payloadByte = Gen.Byte.Where(b => b != 13 && b != 10 && b != 9);
        var scan = Gen.Select(payloadByte.Array[1, 70], Gen.Int[0, 4].Select(i => new[] { "\r", "\n", "\t", "\r\n", "\n\r\n" }[i]));
        var gen = Gen.Select(scan.Array[0, 12], Gen.Int[1, 17].Array[1, 30]);
        gen.Sample((scans, splits) =>
        {
            var stream = new List<byte>();
            var expected = new List<(string, bool)>();
            foreach (var (bytes, terminator) in scans)
            {
                stream.AddRange(bytes);
                stream.AddRange(Encoding.ASCII.GetBytes(terminator));
                bool cut = bytes.Length > limit;
                expected.Add((Encoding.Latin1.GetString(bytes, 0, cut ? limit : bytes.Length), cut));
            }
            var got = new List<(string, bool)>();
            var framer = new ScanFramer((d, n, t) => got.Add((Encoding.Latin1.GetString(d, 0, n), t)), limit, 50);
            var data = stream.ToArray();
            int at = 0, k = 0;
            while (at < data.Length)
            {
                int n = Math.Min(splits[k++ % splits.Length], data.Length - at);
                framer.Push(data, at, n, at); // 1 ms per byte: never silent
                at += n;
            }
            Assert.Equal(expected, got);
        }, iter: 2000);
    }
}

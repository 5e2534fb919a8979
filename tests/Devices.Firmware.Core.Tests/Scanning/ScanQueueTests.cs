using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;
using Devices.Firmware.Core.Hal;
using Devices.Firmware.Core.Scanning;
using Devices.Firmware.Core.Tests.Fakes;

namespace Devices.Firmware.Core.Tests.Scanning;

public class ScanQueueTests
{
    private static ScanRecord Rec(uint seq, string text, uint unix = 1_760_000_000, long ms = 1234, bool truncated = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new ScanRecord(seq, unix, ms, truncated, bytes, 0, bytes.Length);
    }

    private static string Text(ScanRecord r) => Encoding.UTF8.GetString(r.Data);

    /// <summary>Sends and acknowledges everything, returning what was sent in order.</summary>
    private static List<ScanRecord> Drain(ScanQueue q)
    {
        var sent = new List<ScanRecord>();
        q.ResendAll();
        ushort id = 60000;
        for (ScanRecord? r = q.NextToSend(); r != null; r = q.NextToSend())
        {
            sent.Add(r);
            q.MarkSent(r.Sequence, ++id);
            Assert.True(q.Acknowledge(id));
        }
        Assert.Equal(0, q.Count);
        return sent;
    }

    /// <summary>What a freshly booted device would find in the storage (without touching it).</summary>
    private static List<ScanRecord> Contents(MemoryStorage storage, int capacity) => Drain(new ScanQueue(storage.Clone(), capacity));

    [Fact]
    public void SendsInOrderAndDeletesOnlyAfterTheAck()
    {
        var storage = new MemoryStorage();
        var q = new ScanQueue(storage, 10);
        for (uint s = 1; s <= 4; s++) q.Enqueue(Rec(s, "code-" + s));

        var first = q.NextToSend()!;
        q.MarkSent(first.Sequence, 7);
        var second = q.NextToSend()!;
        q.MarkSent(second.Sequence, 8);
        Assert.Equal(("code-1", "code-2"), (Text(first), Text(second)));
        Assert.Equal(2, q.InFlight);
        Assert.Equal(4, q.Count);
        Assert.Equal(4, new ScanQueue(storage.Clone(), 10).Count); // published is not acknowledged

        Assert.False(q.Acknowledge(99));
        Assert.True(q.Acknowledge(8)); // PUBACKs may come in any order
        Assert.Equal(3, q.Count);
        Assert.False(storage.Exists(ScanQueue.EntryName(2)));
        Assert.True(storage.Exists(ScanQueue.EntryName(1)));
        Assert.True(q.Acknowledge(7));
        Assert.Equal(new uint[] { 3, 4 }, Contents(storage, 10).Select(r => r.Sequence));
    }

    [Fact]
    public void RecordsComeBackExactly()
    {
        var storage = new MemoryStorage();
        var q = new ScanQueue(storage);
        var data = Enumerable.Range(0, 512).Select(i => (byte)(i * 7)).ToArray();
        q.Enqueue(new ScanRecord(5, 0, 987_654_321_012, true, data, 0, 512));
        q.Enqueue(new ScanRecord(9, 4_000_000_000, 0, false, data, 3, 0));
        var back = Contents(storage, 500);
        Assert.Equal(2, back.Count);
        Assert.Equal((5u, 0u, 987_654_321_012L, true), (back[0].Sequence, back[0].UnixSeconds, back[0].MonotonicMs, back[0].Truncated));
        Assert.Equal(data, back[0].Data);
        Assert.False(back[0].FromThisBoot);
        Assert.Equal((9u, 4_000_000_000u, 0L, false, 0), (back[1].Sequence, back[1].UnixSeconds, back[1].MonotonicMs, back[1].Truncated, back[1].Data.Length));
        // Independent check of the layout: version, flags, sequence, unix, ms, length, data, CRC-32 (System.IO.Hashing's is not referenced; check value below).
        var file = storage.RawRead(ScanQueue.EntryName(9));
        Assert.Equal(new byte[] { 1, 0, 0, 0, 0, 9, 0xEE, 0x6B, 0x28, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, file[..20]);
        Assert.Equal(24, file.Length);
    }

    [Fact]
    public void ScanTimeIsEstimatedFromTheAgeOnlyWithinTheSameBoot()
    {
        var live = Rec(1, "x", unix: 0, ms: 10_000);
        Assert.Equal(1_760_000_000 - 50, live.EstimateUnixSeconds(60_000, true, 1_760_000_000));
        Assert.Equal(0, live.EstimateUnixSeconds(60_000, false, 1_760_000_000));
        Assert.Equal(1_700_000_000, Rec(2, "y", unix: 1_700_000_000).EstimateUnixSeconds(60_000, true, 1_760_000_000));
        var storage = new MemoryStorage();
        new ScanQueue(storage).Enqueue(live);
        Assert.Equal(0, new ScanQueue(storage).PeekOldest()!.EstimateUnixSeconds(60_000, true, 1_760_000_000));
    }

    [Fact]
    public void Crc32MatchesTheStandardCheckValue()
    {
        var check = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, Crc32.Compute(check, 0, check.Length));
    }

    [Fact]
    public void WhenFullTheOldestIsDroppedAndCounted()
    {
        var storage = new MemoryStorage();
        var q = new ScanQueue(storage, 3);
        for (uint s = 1; s <= 5; s++) q.Enqueue(Rec(s, "c" + s));
        Assert.Equal(3, q.Count);
        Assert.Equal(2u, q.Dropped);
        Assert.Equal("c3", Text(q.PeekOldest()!));
        var reopened = new ScanQueue(storage, 3);
        Assert.Equal(2u, reopened.Dropped);
        Assert.Equal(new[] { "c3", "c4", "c5" }, Drain(reopened).Select(Text));
        Assert.Equal(2u, new ScanQueue(storage, 3).Dropped);
    }

    [Fact]
    public void ASmallerCapacityAfterAnUpdateDropsTheOldestAtOpen()
    {
        var storage = new MemoryStorage();
        var q = new ScanQueue(storage, 10);
        for (uint s = 1; s <= 6; s++) q.Enqueue(Rec(s, "c" + s));
        var smaller = new ScanQueue(storage, 4);
        Assert.Equal((4, 2u), (smaller.Count, smaller.Dropped));
        Assert.Equal(new uint[] { 3, 4, 5, 6 }, Drain(smaller).Select(r => r.Sequence));
    }

    [Fact]
    public void AfterAReconnectEverythingUnacknowledgedIsSentAgainInOrder()
    {
        var link = new FakeMqttLink();
        var q = new ScanQueue(new MemoryStorage(), 50);
        link.Published += id => q.Acknowledge(id);
        link.ConnectionLost += q.ResendAll;
        for (uint s = 1; s <= 5; s++) q.Enqueue(Rec(s, "c" + s));

        Assert.Equal(0, link.Connect("tt-1", "tt-1", "pw", "dev/tt-1/state", "offline", 30));
        for (ScanRecord? r = q.NextToSend(); r != null; r = q.NextToSend())
            q.MarkSent(r.Sequence, link.Publish("dev/tt-1/scan", r.Data, 1));
        link.Acknowledge(link.Publications[0].MessageId);
        link.Acknowledge(link.Publications[2].MessageId);
        link.Drop();

        link.Connect("tt-1", "tt-1", "pw", "dev/tt-1/state", "offline", 30);
        int before = link.Publications.Count;
        for (ScanRecord? r = q.NextToSend(); r != null; r = q.NextToSend())
            q.MarkSent(r.Sequence, link.Publish("dev/tt-1/scan", r.Data, 1));
        var resent = link.Publications.Skip(before).Select(p => Encoding.UTF8.GetString(p.Payload)).ToArray();
        Assert.Equal(new[] { "c2", "c4", "c5" }, resent);
        foreach (var p in link.Publications.Skip(before)) link.Acknowledge(p.MessageId);
        Assert.Equal(0, q.Count);
    }

    [Fact]
    public void AnAckForAnEntryDroppedWhileInFlightIsHarmless()
    {
        var q = new ScanQueue(new MemoryStorage(), 2);
        q.Enqueue(Rec(1, "a"));
        q.MarkSent(q.NextToSend()!.Sequence, 1);
        q.Enqueue(Rec(2, "b"));
        q.Enqueue(Rec(3, "c")); // drops 1, which is in flight
        Assert.False(q.Acknowledge(1));
        Assert.Equal(new[] { "b", "c" }, Drain(q).Select(Text));
    }

    [Fact]
    public void SequenceNumbersMustIncrease()
    {
        var q = new ScanQueue(new MemoryStorage(), 2);
        q.Enqueue(Rec(5, "a"));
        var e = Assert.Throws<ArgumentException>(() => q.Enqueue(Rec(5, "b")));
        Assert.Contains("must increase", e.Message);
        q.Enqueue(Rec(6, "b"));
        q.Enqueue(Rec(7, "c")); // drops 5
        Drain(q);
        Assert.Throws<ArgumentException>(() => q.Enqueue(Rec(5, "again"))); // not even after the queue emptied
    }

    [Fact]
    public void DamagedEntriesAndStrayFilesAreSkipped()
    {
        var storage = new MemoryStorage();
        var q = new ScanQueue(storage, 10);
        for (uint s = 1; s <= 3; s++) q.Enqueue(Rec(s, "c" + s));
        var two = storage.RawRead(ScanQueue.EntryName(2));
        two[22] ^= 1;
        storage.RawWrite(ScanQueue.EntryName(2), two);
        storage.RawWrite(ScanQueue.EntryName(9) + ".tmp", new byte[] { 1, 2 });
        storage.RawWrite("scanq.zz", new byte[] { 1 });
        var reopened = new ScanQueue(storage, 10);
        Assert.Equal(new[] { "c1", "c3" }, Drain(reopened).Select(Text));
        Assert.Equal(1, reopened.Discarded);
    }

    public static TheoryData<WriteMode, int, int> CutCases => new()
    {
        { WriteMode.Atomic, 5, 3 }, { WriteMode.InPlace, 5, 3 }, // room left
        { WriteMode.Atomic, 3, 3 }, { WriteMode.InPlace, 3, 3 }, // full: the enqueue also drops the oldest
        { WriteMode.InPlace, 3, 0 },
    };

    [Theory]
    [MemberData(nameof(CutCases))]
    public void PowerCutAtEveryStepOfAnEnqueueLosesAtMostThatScan(WriteMode mode, int capacity, int existing)
    {
        var baseline = new MemoryStorage { Mode = mode };
        var setup = new ScanQueue(baseline, capacity);
        for (uint s = 1; s <= existing + 2; s++) setup.Enqueue(Rec(s, "old-" + s + new string('.', (int)s)));
        // Leave exactly `existing` entries, with 2 earlier ones already acknowledged.
        setup.MarkSent(1, 1);
        setup.MarkSent(2, 2);
        setup.Acknowledge(1);
        setup.Acknowledge(2);
        var before = Contents(baseline, capacity);
        uint droppedBefore = new ScanQueue(baseline.Clone(), capacity).Dropped;
        Assert.Equal(existing, before.Count);
        var fresh = Rec(100, "new scan https://pay.example/t/Zk3");

        var probe = baseline.Clone();
        var p = new ScanQueue(probe, capacity);
        long start = probe.Steps;
        p.Enqueue(fresh);
        long steps = probe.Steps - start;

        for (long cut = 0; cut <= steps; cut++)
        {
            var storage = baseline.Clone();
            var q = new ScanQueue(storage, capacity);
            storage.CutPowerAfter(cut);
            try { q.Enqueue(fresh); } catch (PowerCutException) { }
            storage.Reboot();

            var rebooted = new ScanQueue(storage, capacity);
            var after = Contents(storage, capacity);
            var old = before.Select(r => (r.Sequence, Text(r))).ToList();
            var got = after.Select(r => (r.Sequence, Text(r))).ToList();
            var withNew = old.Append((100u, Text(fresh))).ToList();
            string where = "cut after " + cut + " of " + steps + " steps: ";
            if (got.SequenceEqual(old)) Assert.True(rebooted.Dropped == droppedBefore, where + "nothing lost but a drop counted");
            else if (got.SequenceEqual(withNew)) Assert.True(withNew.Count <= capacity && rebooted.Dropped == droppedBefore, where + "over capacity or miscounted");
            else if (got.SequenceEqual(withNew.Skip(1))) Assert.True(withNew.Count > capacity && rebooted.Dropped == droppedBefore + 1, where + "oldest dropped without cause or miscounted");
            else Assert.Fail(where + "queue became " + string.Join(",", got));

            // And the queue keeps working.
            rebooted.Enqueue(Rec(101, "next"));
            Assert.Equal(101u, Drain(rebooted).Last().Sequence);
        }
    }

    [Fact]
    public void PowerCutDuringTheAckDeleteResendsThatScanOnly()
    {
        var storage = new MemoryStorage();
        var q = new ScanQueue(storage, 10);
        q.Enqueue(Rec(1, "a"));
        q.Enqueue(Rec(2, "b"));
        q.MarkSent(1, 1);
        storage.CutPowerAfter(0);
        Assert.Throws<PowerCutException>(() => q.Acknowledge(1));
        storage.Reboot();
        Assert.Equal(new[] { "a", "b" }, Contents(storage, 10).Select(Text)); // at least once; the gateway dedups
    }

    [Fact]
    public void WorksOnRealFilesAcrossReopen()
    {
        string folder = Path.Combine(Path.GetTempPath(), "scanq-" + Guid.NewGuid().ToString("N"));
        try
        {
            var q = new ScanQueue(new FolderStorage(folder), 3);
            for (uint s = 1; s <= 4; s++) q.Enqueue(Rec(s, "f" + s));
            File.WriteAllBytes(Path.Combine(folder, ScanQueue.EntryName(9) + ".tmp"), new byte[] { 1 }); // interrupted write
            var reopened = new ScanQueue(new FolderStorage(folder), 3);
            Assert.False(File.Exists(Path.Combine(folder, ScanQueue.EntryName(9) + ".tmp")));
            Assert.Equal(1u, reopened.Dropped);
            Assert.Equal(new[] { "f2", "f3", "f4" }, Drain(reopened).Select(Text));
            Assert.Empty(new FolderStorage(folder).List(ScanQueue.EntryPrefix));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    /// <summary>Random operation sequences against a plain list model.</summary>
    [Fact]
    public void BehavesLikeTheModelUnderRandomOperations()
    {
        var op = Gen.Select(Gen.Int[0, 9], Gen.Int[0, 1000]);
        Gen.Select(Gen.Int[1, 6], op.Array[1, 80]).Sample((capacity, ops) =>
        {
            var storage = new MemoryStorage();
            var q = new ScanQueue(storage, capacity);
            var model = new List<(uint Seq, string Text, int Id)>(); // Id -1: not sent on this connection
            uint dropped = 0, seq = 0;
            ushort nextId = 0;
            foreach (var (kind, arg) in ops)
            {
                switch (kind)
                {
                    case <= 2: // enqueue (sometimes skipping numbers, as after a reboot)
                        seq += (uint)(arg % 5 == 0 ? 17 : 1);
                        string text = "s" + seq + "-" + arg;
                        q.Enqueue(Rec(seq, text));
                        model.Add((seq, text, -1));
                        if (model.Count > capacity)
                        {
                            model.RemoveAt(0);
                            dropped++;
                        }
                        break;
                    case <= 4: // send the next one
                        var r = q.NextToSend();
                        int i = model.FindIndex(m => m.Id == -1);
                        Assert.Equal(i < 0 ? null : model[i].Seq, r?.Sequence);
                        if (r != null)
                        {
                            Assert.Equal(model[i].Text, Text(r));
                            nextId = (ushort)(nextId % 65535 + 1);
                            q.MarkSent(r.Sequence, nextId);
                            model[i] = (model[i].Seq, model[i].Text, nextId);
                        }
                        break;
                    case <= 6: // a PUBACK for some in-flight id, or a stale one
                        var inFlight = model.Where(m => m.Id != -1).ToList();
                        ushort ackId = inFlight.Count > 0 && arg % 4 != 0 ? (ushort)inFlight[arg % inFlight.Count].Id : (ushort)(nextId + 1);
                        bool known = model.RemoveAll(m => m.Id == ackId) == 1;
                        Assert.Equal(known, q.Acknowledge(ackId));
                        break;
                    case 7: // connection lost
                        q.ResendAll();
                        model = model.Select(m => (m.Seq, m.Text, -1)).ToList();
                        break;
                    default: // reboot
                        q = new ScanQueue(storage, capacity);
                        model = model.Select(m => (m.Seq, m.Text, -1)).ToList();
                        break;
                }
                Assert.Equal(model.Count, q.Count);
                Assert.Equal(dropped, q.Dropped);
                Assert.Equal(model.Count(m => m.Id != -1), q.InFlight);
                Assert.Equal(model.Count, storage.Names.Count(n => n.StartsWith(ScanQueue.EntryPrefix, StringComparison.Ordinal))); // acked and dropped files are gone
            }
            Assert.Equal(model.Select(m => m.Text), Drain(q).Select(Text));
        }, iter: 500);
    }
}

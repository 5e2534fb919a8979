using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Devices.Gateway.Outbox;

namespace Devices.Gateway.Tests.Outbox;

public class ScanOutboxTests
{
    private static ScanEnvelope Scan(string device, long seq, string data) =>
        new(device, seq, 1767225600, 100, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(data));

    [Fact]
    public async Task The_wal_is_copied_into_the_database_file_beside_the_writer()
    {
        using var fixture = new OutboxFixture();
        long emptyFile = new System.IO.FileInfo(fixture.DatabaseFile).Length;
        var appends = Enumerable.Range(0, 20).Select(d => Task.Run(async () =>
        {
            for (int seq = 1; seq <= 250; seq++)
                await fixture.Outbox.AppendAsync(Scan("dev-" + d, seq, new string('x', 200)), CancellationToken.None);
        })).ToArray();
        await Task.WhenAll(appends);
        // The writer's connection never checkpoints (wal_autocheckpoint=0): only the background checkpoint moves the
        // 5,000 rows (over 1 MB) out of the WAL into the database file, within a few seconds.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (new System.IO.FileInfo(fixture.DatabaseFile).Length < emptyFile + 1_000_000 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.True(new System.IO.FileInfo(fixture.DatabaseFile).Length >= emptyFile + 1_000_000,
            $"database file {new System.IO.FileInfo(fixture.DatabaseFile).Length} bytes after 5,000 appends: the WAL was not checkpointed");
    }

    [Fact]
    public async Task Concurrent_appends_share_transactions_and_all_survive_a_reopen()
    {
        using var fixture = new OutboxFixture();
        long commitsBefore = fixture.Outbox.Commits;
        const int devices = 40, perDevice = 50;
        var appends = Enumerable.Range(0, devices).Select(d => Task.Run(async () =>
        {
            for (int seq = 1; seq <= perDevice; seq++)
                Assert.False((await fixture.Outbox.AppendAsync(Scan("dev-" + d, seq, $"code {d}/{seq}"), CancellationToken.None)).Duplicate);
        })).ToArray();
        await Task.WhenAll(appends);
        long commits = fixture.Outbox.Commits - commitsBefore;

        // 40 callers each waiting for their commit: every commit carries many of them.
        Assert.True(commits < devices * perDevice / 4, $"{commits} transactions for {devices * perDevice} appends");

        fixture.Reopen();
        Assert.Equal(devices * perDevice, fixture.Scalar("SELECT COUNT(*) FROM outbox_events"));
        Assert.Equal(devices * perDevice, fixture.Scalar("SELECT COUNT(DISTINCT device_id || '/' || seq) FROM outbox_events"));
        Assert.Equal("code 7/33", Encoding.UTF8.GetString(fixture.Outbox.Recent(devices * perDevice).Single(e => e.Scan.DeviceId == "dev-7" && e.Scan.Seq == 33).Scan.Data));
        Assert.Equal(devices * perDevice, fixture.Outbox.PendingCount());
    }

    [Fact]
    public async Task A_replayed_device_and_seq_is_a_no_op()
    {
        using var fixture = new OutboxFixture();
        var first = await fixture.Outbox.AppendAsync(Scan("tent-1", 5, "original"), CancellationToken.None);
        var again = await fixture.Outbox.AppendAsync(Scan("tent-1", 5, "replayed with other bytes"), CancellationToken.None);
        var otherDevice = await fixture.Outbox.AppendAsync(Scan("tent-2", 5, "x"), CancellationToken.None);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.EventId, again.EventId);
        Assert.False(otherDevice.Duplicate);
        Assert.Equal(1, fixture.Scalar("SELECT COUNT(*) FROM outbox_events WHERE device_id = 'tent-1'"));
        Assert.Equal("original", Encoding.UTF8.GetString(fixture.Outbox.Recent(5).Single(e => e.Scan.DeviceId == "tent-1").Scan.Data));
    }

    [Fact]
    public async Task Duplicates_inside_one_group_commit_store_one_row()
    {
        using var fixture = new OutboxFixture("Outbox:GroupCommitMaxDelayMs=20");
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => fixture.Outbox.AppendAsync(Scan("tent-1", 1, "a"), CancellationToken.None)));
        Assert.Single(results, r => !r.Duplicate);
        Assert.Single(results.Select(r => r.EventId).Distinct());
        Assert.Equal(1, fixture.Scalar("SELECT COUNT(*) FROM outbox_events"));
    }

    [Fact]
    public async Task Hashing_happens_before_storage()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        using var fixture = new OutboxFixture("Outbox:DataPrivacy=Hash", "Outbox:HashKey=" + Convert.ToBase64String(key));
        const string code = "https://pay.example/customer/4111-1111-1111-1111";
        await fixture.Outbox.AppendAsync(Scan("tent-1", 1, code), CancellationToken.None);

        fixture.Reopen();
        using var c = fixture.Raw();
        using var command = c.CreateCommand();
        command.CommandText = "SELECT data FROM outbox_events";
        var stored = Encoding.ASCII.GetString((byte[])command.ExecuteScalar()!);
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(code))), stored);
        AssertNotInFiles(fixture, code);
    }

    [Fact]
    public async Task Without_a_configured_key_the_hash_key_is_made_once_and_kept()
    {
        using var fixture = new OutboxFixture("Outbox:DataPrivacy=Hash");
        await fixture.Outbox.AppendAsync(Scan("tent-1", 1, "same code"), CancellationToken.None);
        fixture.Reopen();
        await fixture.Outbox.AppendAsync(Scan("tent-1", 2, "same code"), CancellationToken.None);
        var hashes = fixture.Outbox.Recent(2).Select(e => Encoding.ASCII.GetString(e.Scan.Data)).ToList();
        Assert.Equal(64, hashes[0].Length);
        Assert.Equal(hashes[0], hashes[1]);
    }

    [Theory]
    [InlineData("ABCDEFGHIJKL", 4, "ABCD…")]
    [InlineData("ABCD", 4, "ABCD")]
    [InlineData("价格12€😀xyz", 5, "价格12€…")]
    [InlineData("ab😀cd", 3, "ab😀…")]
    public async Task Truncation_happens_before_storage(string code, int keep, string expected)
    {
        using var fixture = new OutboxFixture("Outbox:DataPrivacy=Truncate", "Outbox:TruncateToChars=" + keep);
        await fixture.Outbox.AppendAsync(Scan("tent-1", 1, code), CancellationToken.None);
        fixture.Reopen();
        using var c = fixture.Raw();
        using var command = c.CreateCommand();
        command.CommandText = "SELECT data FROM outbox_events";
        Assert.Equal(expected, Encoding.UTF8.GetString((byte[])command.ExecuteScalar()!));
        if (expected != code) AssertNotInFiles(fixture, code);
    }

    [Fact]
    public async Task Retention_prunes_only_old_delivered_events()
    {
        using var fixture = new OutboxFixture();
        var o = fixture.Outbox;
        var delivered = (await o.AppendAsync(Scan("d", 1, "a"), default)).EventId;
        var recent = (await o.AppendAsync(Scan("d", 2, "b"), default)).EventId;
        var dead = (await o.AppendAsync(Scan("d", 3, "c"), default)).EventId;
        await o.AppendAsync(Scan("d", 4, "pending"), default);
        var now = DateTimeOffset.UtcNow;
        await o.MarkDeliveredAsync(new[] { delivered }, now.AddDays(-8));
        await o.MarkDeliveredAsync(new[] { recent }, now.AddDays(-6));
        await o.MarkDeadAsync(new[] { dead }, now.AddDays(-30), "HTTP 500");

        Assert.Equal(1, await o.PruneDeliveredAsync(now.AddDays(-7)));
        Assert.Equal(new long[] { 4, 3, 2 }, o.Recent(10).Select(e => e.Scan.Seq));
    }

    /// <summary>The raw code must not be anywhere in the database, its WAL or its shared memory file.</summary>
    private static void AssertNotInFiles(OutboxFixture fixture, string code)
    {
        var needle = Encoding.UTF8.GetBytes(code);
        foreach (var file in System.IO.Directory.GetFiles(fixture.Folder))
        {
            var bytes = System.IO.File.ReadAllBytes(file);
            Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"the raw code is in {System.IO.Path.GetFileName(file)}");
        }
    }
}

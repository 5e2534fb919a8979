using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Devices.Gateway.Outbox;
using Devices.Gateway.Tests.Api;
using Devices.Gateway.Tests.Relay;
using Microsoft.AspNetCore.Http;

namespace Devices.Gateway.Tests.Scans;

/// <summary>The Scans page's endpoints on the real gateway: per-minute counts, delivery states, privacy.</summary>
public class ScanConsoleTests
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static Task<OutboxAppendResult> Append(ApiGateway gw, string device, long seq, DateTimeOffset receivedAt, string data = "https://pay.example/t/CUSTOMER-1234") =>
        gw.Service<IScanOutbox>().AppendAsync(new ScanEnvelope(device, seq, 0, 0, receivedAt, Encoding.UTF8.GetBytes(data)), CancellationToken.None);

    [Fact]
    public async Task Per_minute_counts_are_the_scans_received_in_each_minute()
    {
        await using var gw = await ApiGateway.StartAsync();
        // Receive times in arrival order: 300 scans long before the hour (so the id search has something to skip),
        // then a known pattern inside 10:00-11:00 and its edges.
        var times = new List<DateTimeOffset>();
        for (int i = 0; i < 300; i++) times.Add(Hour.AddDays(-1).AddSeconds(i * 17));
        times.Add(Hour.AddMilliseconds(-1));                 // 09:59:59.999: outside
        times.AddRange(new[] { Hour, Hour.AddSeconds(1), Hour.AddSeconds(59.999) }); // minute 0: 3
        times.AddRange(Enumerable.Range(0, 7).Select(i => Hour.AddMinutes(5).AddSeconds(i * 8)));  // minute 5: 7
        times.Add(Hour.AddMinutes(59).AddSeconds(59.999));   // minute 59: 1
        times.Add(Hour.AddMinutes(60));                      // 11:00:00.000: outside
        long seq = 0;
        foreach (var t in times) await Append(gw, "tent-" + (seq % 3), ++seq, t);

        // The expected counts, worked out here from the list itself.
        var expected = new long[60];
        foreach (var t in times)
        {
            var offset = t - Hour;
            if (offset >= TimeSpan.Zero && offset < TimeSpan.FromHours(1)) expected[(int)offset.TotalMinutes]++;
        }
        Assert.Equal(3, expected[0]);
        Assert.Equal(7, expected[5]);
        Assert.Equal(1, expected[59]);

        var answer = await gw.Client.GetFromJsonAsync<JsonElement>("/api/scans/per-minute?minutes=60&end=2026-11-23T11:00:00Z");
        Assert.Equal(Hour, answer.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(Hour.AddHours(1), answer.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(expected, answer.GetProperty("counts").EnumerateArray().Select(c => c.GetInt64()).ToArray());

        // An end inside a minute means the end of that minute's start: 10:06:30 → the 6 minutes 10:00-10:06.
        var partial = await gw.Client.GetFromJsonAsync<JsonElement>("/api/scans/per-minute?minutes=6&end=2026-11-23T10:06:30Z");
        Assert.Equal(new long[] { 3, 0, 0, 0, 0, 7 }, partial.GetProperty("counts").EnumerateArray().Select(c => c.GetInt64()).ToArray());

        // The day before 10:00: the 300 old ones and the one at 09:59:59.999, each in its minute.
        var old = await gw.Client.GetFromJsonAsync<JsonElement>("/api/scans/per-minute?minutes=1440&end=2026-11-23T10:00:00Z");
        var oldExpected = new long[1440];
        foreach (var t in times.Where(t => t < Hour)) oldExpected[(int)(t - Hour.AddDays(-1)).TotalMinutes]++;
        Assert.Equal(301, oldExpected.Sum());
        Assert.Equal(oldExpected, old.GetProperty("counts").EnumerateArray().Select(c => c.GetInt64()).ToArray());

        // Default: the last 60 minutes ending with the current one; a scan received now is in the last bucket.
        await Append(gw, "tent-9", 1, DateTimeOffset.UtcNow);
        var now = await gw.Client.GetFromJsonAsync<JsonElement>("/api/scans/per-minute");
        var counts = now.GetProperty("counts").EnumerateArray().Select(c => c.GetInt64()).ToArray();
        Assert.Equal(60, counts.Length);
        Assert.Equal(1, counts[59]);

        using var bad = await gw.Client.GetAsync("/api/scans/per-minute?minutes=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Deliveries_show_pending_retrying_delivered_and_dead_with_attempts_and_last_error()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // tent-bad always fails with "retry after an hour", so it stays "retrying".
        receiver.Answer = r => r.Id.Contains("tent-bad") ? new RetryLater() : Results.Ok();
        await using var gw = await ApiGateway.StartAsync("--Relay:Url=" + receiver.Url, "--Relay:Secret=" + RelayHost.Secret,
            "--Relay:RetryBase=01:00:00", "--Relay:RetryCap=01:00:00", "--Relay:RetryHorizon=02:00:00");
        await Append(gw, "tent-ok", 1, DateTimeOffset.UtcNow);
        await Append(gw, "tent-bad", 1, DateTimeOffset.UtcNow);
        JsonElement view = default;
        await Poll(async () =>
        {
            view = await gw.Client.GetFromJsonAsync<JsonElement>("/api/scans/deliveries?state=retrying");
            return view.GetProperty("items").GetArrayLength() == 1;
        });
        await Append(gw, "tent-bad", 2, DateTimeOffset.UtcNow); // behind its device's failing head: not tried yet

        await Poll(async () =>
        {
            view = await gw.Client.GetFromJsonAsync<JsonElement>("/api/scans/deliveries");
            var c = view.GetProperty("counts");
            return c.GetProperty("delivered").GetInt64() == 1 && c.GetProperty("retrying").GetInt64() == 1;
        });
        var counts = view.GetProperty("counts");
        Assert.Equal(1, counts.GetProperty("pending").GetInt64());
        Assert.Equal(0, counts.GetProperty("dead").GetInt64());
        var items = view.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        var byKey = items.ToDictionary(i => i.GetProperty("deviceId").GetString() + "#" + i.GetProperty("seq").GetInt64());
        Assert.Equal("delivered", byKey["tent-ok#1"].GetProperty("state").GetString());
        var retrying = byKey["tent-bad#1"];
        Assert.Equal("retrying", retrying.GetProperty("state").GetString());
        Assert.Equal(1, retrying.GetProperty("attempts").GetInt32());
        Assert.Equal("HTTP 503", retrying.GetProperty("lastError").GetString());
        Assert.True(retrying.GetProperty("nextAttemptAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(50));
        Assert.Equal("pending", byKey["tent-bad#2"].GetProperty("state").GetString());
        Assert.Equal(0, byKey["tent-bad#2"].GetProperty("attempts").GetInt32());
        Assert.Equal("…1234", retrying.GetProperty("dataMasked").GetString()); // masked like the scans list
        Assert.DoesNotContain("CUSTOMER", view.GetRawText());
        Assert.True(view.GetProperty("relay").GetProperty("configured").GetBoolean());

        // "Delivered" counts the last hour: a delivery two hours ago is listed but not counted.
        using (var connection = gw.Service<Devices.Gateway.Storage.GatewayDatabase>().Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE outbox_events SET done_at_ms = done_at_ms - 7200000 WHERE state = 1";
            Assert.Equal(1, command.ExecuteNonQuery());
        }
        var later = await gw.Client.GetFromJsonAsync<JsonElement>("/api/scans/deliveries?state=delivered");
        Assert.Equal(0, later.GetProperty("counts").GetProperty("delivered").GetInt64());
        Assert.Equal("tent-ok", later.GetProperty("items")[0].GetProperty("deviceId").GetString());

        var onlyRetrying = await gw.Client.GetFromJsonAsync<JsonElement>("/api/scans/deliveries?state=retrying");
        Assert.Equal(new[] { "tent-bad" }, onlyRetrying.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("deviceId").GetString()));
        using var badState = await gw.Client.GetAsync("/api/scans/deliveries?state=lost");
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
    }

    [Fact]
    public async Task Dead_letters_show_as_dead_and_a_resend_makes_them_pending_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Failing = true;
        await using var gw = await ApiGateway.StartAsync(receiver.RelayGivingUpAfter(TimeSpan.FromMilliseconds(300)));
        await Append(gw, "tent-1", 1, DateTimeOffset.UtcNow);
        JsonElement dead = default;
        await Poll(async () =>
        {
            var view = await gw.Client.GetFromJsonAsync<JsonElement>("/api/scans/deliveries?state=dead");
            if (view.GetProperty("items").GetArrayLength() == 0) return false;
            dead = view.GetProperty("items")[0];
            return true;
        });
        Assert.True(dead.GetProperty("attempts").GetInt32() >= 2);
        Assert.Equal("HTTP 500", dead.GetProperty("lastError").GetString());
        receiver.Failing = false;
        using (var resend = await gw.Client.PostAsync("/api/scans/dead-letters/" + dead.GetProperty("id").GetInt64() + "/resend", null))
            Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
        await Poll(async () =>
        {
            var view = await gw.Client.GetFromJsonAsync<JsonElement>("/api/scans/deliveries");
            return view.GetProperty("counts").GetProperty("delivered").GetInt64() == 1 && view.GetProperty("counts").GetProperty("dead").GetInt64() == 0;
        });
    }

    [Fact]
    public async Task Raw_data_is_shown_only_when_the_gateway_keeps_it()
    {
        const string data = "https://pay.example/t/CUSTOMER-1234";
        await using (var gw = await ApiGateway.StartAsync())
        {
            var id = (await Append(gw, "tent-1", 1, DateTimeOffset.UtcNow, data)).EventId;
            var privacy = await gw.Client.GetFromJsonAsync<JsonElement>("/api/scans/privacy");
            Assert.Equal("store", privacy.GetProperty("dataPrivacy").GetString());
            Assert.True(privacy.GetProperty("canShowData").GetBoolean());
            var shown = await gw.Client.GetFromJsonAsync<JsonElement>("/api/scans/" + id + "/data");
            Assert.Equal(data, shown.GetProperty("data").GetString());
            using var missing = await gw.Client.GetAsync("/api/scans/999999/data");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            using var anonymous = await gw.Anonymous.GetAsync("/api/scans/" + id + "/data");
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        await using (var gw = await ApiGateway.StartAsync("--Outbox:DataPrivacy=Hash"))
        {
            var id = (await Append(gw, "tent-1", 1, DateTimeOffset.UtcNow, data)).EventId;
            var privacy = await gw.Client.GetFromJsonAsync<JsonElement>("/api/scans/privacy");
            Assert.Equal("hash", privacy.GetProperty("dataPrivacy").GetString());
            Assert.False(privacy.GetProperty("canShowData").GetBoolean());
            using var refused = await gw.Client.GetAsync("/api/scans/" + id + "/data");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.DoesNotContain("CUSTOMER", await refused.Content.ReadAsStringAsync());
        }
    }

    /// <summary>503 with Retry-After: one hour.</summary>
    private sealed class RetryLater : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = 503;
            http.Response.Headers.RetryAfter = "3600";
            return Task.CompletedTask;
        }
    }

    private static async Task Poll(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("condition not met in 15 s");
            await Task.Delay(25);
        }
    }
}

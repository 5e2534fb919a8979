using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Devices.Gateway.Tests.Relay;

/// <summary>
/// The relay reads pending events ahead in id order (at least 1,024 at a time). A device waiting on retries with
/// more events than that in front must not hide the devices behind them.
/// </summary>
public sealed class RelayReadAheadTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_device_stuck_on_retries_with_a_long_queue_does_not_starve_devices_behind_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = r => r.Events[0].DeviceId == "stuck" ? Results.StatusCode(500) : Results.Ok();
        // A long backoff keeps the stuck device's head waiting for the whole test.
        await using var relay = await RelayHost.StartAsync(receiver.Url, "Relay:RetryBase=00:01:00", "Relay:RetryCap=00:01:00",
            "Relay:MaxConcurrentRequests=1");
        await Task.WhenAll(Enumerable.Range(1, 1500).Select(seq => relay.AppendAsync("stuck", seq, "s" + seq)));
        await receiver.WaitAsync(r => r.Any(x => x.Id == "scan_stuck_1"), Wait, "the stuck device's first attempt");
        for (int seq = 1; seq <= 3; seq++) await relay.AppendAsync("behind", seq, "b" + seq);

        var got = await receiver.WaitAsync(r => r.Count(x => x.Events[0].DeviceId == "behind") == 3, Wait, "the device behind it");
        Assert.Equal(new long[] { 1, 2, 3 }, got.Where(x => x.Events[0].DeviceId == "behind").Select(x => x.Events[0].Seq));
        Assert.All(got.Where(x => x.Events[0].DeviceId == "stuck"), x => Assert.Equal(1, x.Events[0].Seq)); // its order holds
    }
}

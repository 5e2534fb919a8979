using System;
using System.Linq;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Registry;
using Devices.Gateway.Mqtt;
using Devices.Gateway.Tests.Fixtures;
using MQTTnet;
using MQTTnet.Formatter;

namespace Devices.Gateway.Tests.Mqtt;

public class EmbeddedBrokerTests
{
    [Fact]
    public async Task Provisioned_device_logs_in_with_its_derived_password()
    {
        await using var gw = await MqttGateway.StartAsync();
        var id = gw.Provision("tent-1");
        await using var device = new DeviceClient("tent-1");
        var result = await device.TryConnectAsync(gw.MqttPort, id.MqttPassword);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Wrong_password_unknown_device_and_foreign_client_id_are_refused(MqttProtocolVersion version)
    {
        await using var gw = await MqttGateway.StartAsync();
        var id = gw.Provision("tent-1");
        var other = gw.Provision("tent-2");

        await using var wrong = new DeviceClient("tent-1");
        var r1 = await wrong.TryConnectAsync(gw.MqttPort, other.MqttPassword, version);
        await using var unknown = new DeviceClient("tent-9");
        var r2 = await unknown.TryConnectAsync(gw.MqttPort, id.MqttPassword, version);
        await using var stolenId = new DeviceClient("tent-1");
        var r3 = await stolenId.TryConnectAsync(gw.MqttPort, id.MqttPassword, version, clientId: "tent-2");

        var bad = version == MqttProtocolVersion.V500 ? MqttClientConnectResultCode.BadUserNameOrPassword : MqttClientConnectResultCode.BadUserNameOrPassword;
        Assert.Equal(bad, r1.ResultCode);
        Assert.Equal(bad, r2.ResultCode);
        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, r3.ResultCode);
        Assert.Equal(3, gw.Service<MqttMetrics>().RefusedLogins);
    }

    [Fact]
    public async Task Publishing_under_another_devices_prefix_is_refused_NotAuthorized_and_not_stored()
    {
        await using var gw = await MqttGateway.StartAsync();
        var a = gw.Provision("tent-a");
        gw.Provision("tent-b");
        await using var device = await DeviceClient.ConnectAsync(gw.MqttPort, "tent-a", a.MqttPassword);

        var scan = new ScanMessage { Seq = 1, Data = "X"u8.ToArray() }.Encode();
        var foreign = await device.PublishAsync("dev/tent-b/scan", scan);
        var downlink = await device.PublishAsync("cmd/tent-a/content", scan);
        var outside = await device.PublishAsync("other/topic", scan);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, foreign.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, downlink.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, outside.ReasonCode);
        Assert.Empty(gw.OutboxRows());
        Assert.Equal(3, gw.Service<MqttMetrics>().AclRefusals);
        Assert.True(device.Client.IsConnected);

        var own = await device.ScanAsync(1, "mine");
        Assert.Equal(MqttClientPublishReasonCode.Success, own.ReasonCode);
        Assert.Equal(("tent-a", 1L), gw.OutboxRows().Select(r => (r.Device, r.Seq)).Single());
    }

    [Fact]
    public async Task Subscribing_to_another_devices_downlinks_or_to_uplinks_is_refused_NotAuthorized()
    {
        await using var gw = await MqttGateway.StartAsync();
        var a = gw.Provision("tent-a");
        gw.Provision("tent-b");
        await using var device = await DeviceClient.ConnectAsync(gw.MqttPort, "tent-a", a.MqttPassword, subscribe: false);

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await device.SubscribeAsync("cmd/tent-b/+"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await device.SubscribeAsync("cmd/+/content"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await device.SubscribeAsync("#"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await device.SubscribeAsync("dev/tent-a/scan"));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await device.SubscribeAsync("cmd/tent-a/+"));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await device.SubscribeAsync("cmd/tent-a/notify"));
    }

    [Fact]
    public async Task A_scan_is_committed_to_the_SQLite_file_before_its_PUBACK_arrives()
    {
        await using var gw = await MqttGateway.StartAsync();
        var id = gw.Provision("tent-1");
        await using var device = await DeviceClient.ConnectAsync(gw.MqttPort, "tent-1", id.MqttPassword);

        for (uint seq = 1; seq <= 20; seq++)
        {
            var puback = await device.ScanAsync(seq, $"code-{seq}");
            Assert.Equal(MqttClientPublishReasonCode.Success, puback.ReasonCode);
            // Read right after the PUBACK, from the file, through a connection of our own.
            var rows = gw.OutboxRows();
            Assert.Equal((int)seq, rows.Count);
            Assert.Equal(("tent-1", (long)seq, $"code-{seq}"), (rows[^1].Device, rows[^1].Seq, System.Text.Encoding.UTF8.GetString(rows[^1].Data)));
        }
    }

    [Fact]
    public async Task A_repeated_seq_is_acknowledged_and_stored_once()
    {
        await using var gw = await MqttGateway.StartAsync();
        var id = gw.Provision("tent-1");
        await using var device = await DeviceClient.ConnectAsync(gw.MqttPort, "tent-1", id.MqttPassword);

        Assert.Equal(MqttClientPublishReasonCode.Success, (await device.ScanAsync(7, "first")).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, (await device.ScanAsync(7, "first")).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, (await device.ScanAsync(8, "second")).ReasonCode);

        Assert.Equal(new[] { 7L, 8L }, gw.OutboxRows().Select(r => r.Seq).ToArray());
    }

    [Fact]
    public async Task Malformed_payloads_are_counted_and_the_connection_stays_usable()
    {
        await using var gw = await MqttGateway.StartAsync();
        var id = gw.Provision("tent-1");
        await using var device = await DeviceClient.ConnectAsync(gw.MqttPort, "tent-1", id.MqttPassword);

        await device.PublishAsync(TopicKind.Scan, [1, 0x80]);                 // truncated varint
        await device.PublishAsync(TopicKind.Scan, [9, 1, 2, 3]);              // unknown format version
        await device.PublishAsync(TopicKind.Hello, []);                        // empty
        await device.PublishAsync(TopicKind.State, [1, 7]);                    // unknown status
        await device.PublishAsync(TopicKind.Scan, [1, 1, 0, 0, 0x90, 0x10]); // data claims 2064 bytes

        Assert.Equal(5, gw.Service<MqttMetrics>().Malformed);
        Assert.True(device.Client.IsConnected);
        Assert.Empty(gw.OutboxRows());
        Assert.Equal(MqttClientPublishReasonCode.Success, (await device.ScanAsync(1, "after")).ReasonCode);
        Assert.Single(gw.OutboxRows());
    }

    [Fact]
    public async Task Hello_is_answered_with_a_welcome_carrying_the_gateway_time()
    {
        await using var gw = await MqttGateway.StartAsync();
        var id = gw.Provision("tent-1");
        await using var device = await DeviceClient.ConnectAsync(gw.MqttPort, "tent-1", id.MqttPassword);

        long before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await device.HelloAsync(applied: 0);
        var payload = await device.NextAsync(TopicKind.Welcome);
        long after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Assert.True(WelcomeMessage.TryDecode(payload, 0, payload.Length, out var welcome).Ok);
        Assert.InRange((long)welcome.UnixTime, before, after);
        Assert.Equal(0u, welcome.DesiredContentVersion);
        var status = gw.Service<DeviceStatusStore>().Get("tent-1");
        Assert.True(status.Online);
        Assert.Equal("1.2.3", status.Firmware);
        Assert.Equal(-60, status.Rssi);
    }

    [Fact]
    public async Task Status_goes_offline_through_the_last_will_when_the_connection_is_cut()
    {
        await using var gw = await MqttGateway.StartAsync();
        var id = gw.Provision("tent-1");
        using var cutter = new TcpCutter(gw.MqttPort);
        await using var device = await DeviceClient.ConnectAsync(cutter.Port, "tent-1", id.MqttPassword);
        var store = gw.Service<DeviceStatusStore>();
        await device.HelloAsync(applied: 0);
        await Poll.UntilAsync(() => store.Get("tent-1").Online, "online after hello");

        cutter.CutAll();

        await Poll.UntilAsync(() => !store.Get("tent-1").Online && store.Get("tent-1").OfflineReason == "last will", "offline through the will");
    }

    [Fact]
    public async Task A_clean_disconnect_is_offline_disconnected()
    {
        await using var gw = await MqttGateway.StartAsync();
        var id = gw.Provision("tent-1");
        var device = await DeviceClient.ConnectAsync(gw.MqttPort, "tent-1", id.MqttPassword);
        var store = gw.Service<DeviceStatusStore>();
        await device.HelloAsync(applied: 0);
        await Poll.UntilAsync(() => store.Get("tent-1").Online, "online after hello");

        await device.DisposeAsync();

        await Poll.UntilAsync(() => !store.Get("tent-1").Online && store.Get("tent-1").OfflineReason == "disconnected", "offline after DISCONNECT");
    }
}

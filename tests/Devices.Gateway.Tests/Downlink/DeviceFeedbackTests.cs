using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Downlink;
using Devices.Gateway.Relay;
using Devices.Gateway.Tests.Fixtures;

namespace Devices.Gateway.Tests.Downlink;

public class DeviceFeedbackTests
{
    [Fact]
    public async Task Backend_feedback_reaches_the_device_as_a_notify()
    {
        await using var gw = await MqttGateway.StartAsync();
        var id = gw.Provision("tent-1");
        await using var device = await DeviceClient.ConnectAsync(gw.MqttPort, "tent-1", id.MqttPassword);

        var feedback = gw.Service<IDeviceFeedback>();
        Assert.IsType<DeviceFeedbackNotifier>(feedback);
        await feedback.ShowAsync(new DeviceFeedback("tent-1", 17, "Order received", 6, ScanOutcome.Accepted), default);

        var payload = await device.NextAsync(TopicKind.Notify);
        Assert.True(NotifyMessage.TryDecode(payload, 0, payload.Length, out var notify).Ok);
        Assert.Equal(("Order received", 6u, 17u, ScanOutcome.Accepted), (notify.Text, notify.DisplaySeconds, notify.ScanSeq, notify.Outcome));
    }

    [Fact]
    public void Long_text_is_cut_to_128_UTF8_bytes_between_characters()
    {
        string text = new string('é', 100) + "😀"; // 200 bytes of é, then a surrogate pair
        string cut = DeviceFeedbackNotifier.FitText(text);
        Assert.Equal(64, cut.Length); // 64 × 2 bytes = 128
        Assert.Equal(new string('é', 64), cut);
        string emoji = new string('a', 126) + "😀"; // the pair would need 4 bytes at 126..129
        Assert.Equal(new string('a', 126), DeviceFeedbackNotifier.FitText(emoji));
        Assert.Equal("short", DeviceFeedbackNotifier.FitText("short"));
    }
}

using System;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Devices.Firmware.Core.Apps;
using Devices.Firmware.Core.Drawing;
using Devices.Gateway.Tests.Api;
using Devices.Gateway.Tests.Content;
using Devices.Gateway.Tests.Fixtures;
using Devices.Imaging;
using Devices.Simulator.Hosts;

namespace Devices.Gateway.Tests.EndToEnd;

/// <summary>
/// Content put through the REST API reaches a simulated shelf label (the real ShelfLabelApp over MQTTnet), which
/// renders it and acks; the gateway then reports desired == applied and its preview is the label's frame exactly.
/// </summary>
public class ContentToLabelTests
{
    [Fact]
    public async Task Api_content_is_drawn_by_the_label_acked_and_the_preview_matches_its_frame_bit_for_bit()
    {
        await using var gw = await ApiGateway.StartAsync();
        var identity = await ContentApi.ProvisionAsync(gw, "label-e2e", "label");
        var folder = Path.Combine(Path.GetTempPath(), "label-e2e-" + Guid.NewGuid().ToString("N"));
        var options = new ShelfLabelOptions { MinWakeSeconds = 1, DefaultWakeSeconds = 2, ConnectBudgetMs = 3000, RetryInitialSeconds = 1 };
        using var label = new ShelfLabelHost(identity, "127.0.0.1", gw.MqttPort, folder, Panel.Epd29, options);
        try
        {
            label.Start();
            await Poll.UntilAsync(() => label.Wakes >= 1, "the label's first wake", 15_000);

            await ContentApi.PutOkAsync(gw, "label-e2e", ContentApi.Label("Pears", "3.49", "https://example.com/p/42"));
            label.PressButton();

            JsonNode? state = null;
            await Poll.UntilAsync(() =>
            {
                state = GetJson(gw, "/api/devices/label-e2e/status")["content"];
                return state!["inSync"]!.GetValue<bool>() && state["appliedVersion"]!.GetValue<uint>() > 0;
            }, "desired == applied in the device status", 20_000);
            Assert.Equal(state!["desiredVersion"]!.GetValue<uint>(), state["appliedVersion"]!.GetValue<uint>());
            await Poll.UntilAsync(() => label.AppliedContentVersion == state["appliedVersion"]!.GetValue<uint>(), "the host saw the applied version", 10_000);

            var frame = label.Display.Last;
            Assert.NotNull(frame);
            var devicePng = PngFile.Encode(frame!);
            var previewPng = await gw.Client.GetByteArrayAsync("/api/devices/label-e2e/preview.png");
            Assert.Equal(devicePng, previewPng);
            // Not a trivially equal blank: the frame has ink.
            Assert.Contains(frame!.BlackPlane, b => b != 0xFF && b != 0x00);
            Assert.Null(label.Fault);
        }
        finally
        {
            label.Stop();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static JsonNode GetJson(ApiGateway gw, string path) =>
        JsonNode.Parse(gw.Client.GetStringAsync(path).GetAwaiter().GetResult())!;
}

using System;
using System.Linq;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Drawing;
using Devices.Gateway.Content;
using Devices.Simulator.Hardware;

namespace Devices.Console.Tests.Fixtures;

/// <summary>What the simulated e-paper panels show, and what the Core draws for a given content.</summary>
public static class Frames
{
    /// <summary>The label content the gateway holds for <paramref name="deviceId"/> now (decoded from the stored payload).</summary>
    public static LabelContent StoredLabel(ConsoleGateway gateway, string deviceId)
    {
        var stored = gateway.Service<ContentStore>().Get(deviceId) ?? throw new InvalidOperationException($"{deviceId} has no content.");
        if (!LabelContentCodec.TryDecode(stored.Payload, 0, stored.Payload.Length, out var label).Ok)
            throw new InvalidOperationException($"The stored content of {deviceId} is not a label.");
        return label;
    }

    public static TentContent StoredTent(ConsoleGateway gateway, string deviceId)
    {
        var stored = gateway.Service<ContentStore>().Get(deviceId) ?? throw new InvalidOperationException($"{deviceId} has no content.");
        if (!TentContentCodec.TryDecode(stored.Payload, 0, stored.Payload.Length, out var tent).Ok)
            throw new InvalidOperationException($"The stored content of {deviceId} is not a tent.");
        return tent;
    }

    public static uint StoredVersion(ConsoleGateway gateway, string deviceId) =>
        gateway.Service<ContentStore>().Get(deviceId)?.Version ?? 0;

    /// <summary>The frame the Core's shelf-label layout draws for <paramref name="label"/> on that device's panel.</summary>
    public static FrameBuffer RenderLabel(ConsoleGateway gateway, string deviceId, LabelContent label)
    {
        var device = gateway.Service<IContentDevices>().Find(deviceId) ?? throw new InvalidOperationException($"{deviceId} is unknown.");
        return ContentPicture.RenderLabel(device.Panel, label, out _);
    }

    /// <summary>
    /// The tent's main screen as the Core draws it for <paramref name="tent"/> in the current code period and its
    /// neighbours (the simulated tent's clock and ours may sit either side of a period boundary).
    /// </summary>
    public static FrameBuffer[] RenderTent(ConsoleGateway gateway, string deviceId, TentContent tent)
    {
        var device = gateway.Service<IContentDevices>().Find(deviceId) ?? throw new InvalidOperationException($"{deviceId} is unknown.");
        uint now = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new[] { now - tent.RotationSeconds, now, now + tent.RotationSeconds }
            .Select(t => ContentPicture.RenderTent(device.Panel, device.Id, device.CodeKey, tent, t, out _)).ToArray();
    }

    public static ShownFrame? LastLabelFrame(ConsoleGateway gateway, string deviceId) =>
        gateway.Simulation.Labels.Single(l => l.Id == deviceId).Display.Last;

    public static ShownFrame? LastTentFrame(ConsoleGateway gateway, string deviceId) =>
        gateway.Simulation.Tents.Single(t => t.Id == deviceId).Display.Last;

    public static bool SamePixels(ShownFrame? shown, FrameBuffer expected) =>
        shown != null
        && shown.BlackPlane.AsSpan().SequenceEqual(expected.BlackPlane)
        && (expected.RedPlane == null ? shown.RedPlane == null : shown.RedPlane != null && shown.RedPlane.AsSpan().SequenceEqual(expected.RedPlane));

    public static bool SamePixels(ShownFrame? a, ShownFrame? b) =>
        a != null && b != null && a.BlackPlane.AsSpan().SequenceEqual(b.BlackPlane)
        && (a.RedPlane == null ? b.RedPlane == null : b.RedPlane != null && a.RedPlane.AsSpan().SequenceEqual(b.RedPlane));
}

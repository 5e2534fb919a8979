using System;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Relay;

namespace Devices.Gateway.Downlink;

/// <summary>Shows the backend's answer to a scan on the device: a Notify downlink (text cut to the protocol's 128 bytes).</summary>
public sealed class DeviceFeedbackNotifier(IDownlink downlink) : IDeviceFeedback
{
    public Task ShowAsync(DeviceFeedback feedback, CancellationToken cancellationToken)
    {
        var notify = feedback.ToNotify();
        notify.Text = FitText(notify.Text);
        return downlink.PublishAsync(feedback.DeviceId, TopicKind.Notify, notify.Encode(), cancellationToken);
    }

    /// <summary>At most <see cref="NotifyMessage.MaxTextBytes"/> UTF-8 bytes, cut between characters (never inside a pair).</summary>
    public static string FitText(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var encoding = System.Text.Encoding.UTF8;
        if (encoding.GetByteCount(text) <= NotifyMessage.MaxTextBytes) return text;
        int end = text.Length;
        while (end > 0 && encoding.GetByteCount(text.AsSpan(0, end)) > NotifyMessage.MaxTextBytes) end--;
        if (end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end];
    }
}

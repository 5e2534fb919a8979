using Devices.Firmware.Core.Protocol;

namespace Devices.Gateway.Relay;

/// <summary>What the backend's 2xx answer asked to show on the device that sent scan <paramref name="ScanSeq"/>.</summary>
public sealed record DeviceFeedback(string DeviceId, long ScanSeq, string Text, uint DisplaySeconds, ScanOutcome Outcome)
{
    /// <summary>The notify downlink that carries this feedback (text cut to the protocol's limit by the caller's encoder).</summary>
    public NotifyMessage ToNotify() => new()
    {
        Text = Text,
        DisplaySeconds = DisplaySeconds,
        ScanSeq = ScanSeq is > 0 and <= uint.MaxValue ? (uint)ScanSeq : 0,
        Outcome = Outcome,
    };
}

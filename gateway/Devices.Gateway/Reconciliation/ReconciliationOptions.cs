using System;

namespace Devices.Gateway.Reconciliation;

/// <summary>Configuration section "Reconciliation".</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";

    /// <summary>Wait for an ack this long before the first re-send; doubles per attempt.</summary>
    public TimeSpan RetryInitial { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between re-sends to an online device.</summary>
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wake interval told to labels in the welcome; 0 = keep the firmware's or the content's.</summary>
    public uint WakeIntervalSeconds { get; set; }
}

using System;

namespace Devices.Gateway.Reconciliation;

/// <summary>Desired vs applied content for one device, as the API shows it.</summary>
public sealed record ReconciliationState(
    uint DesiredVersion,
    uint AppliedVersion,
    bool InSync,
    /// <summary>Content sends since the device last reported a change (0 when in sync or nothing was sent).</summary>
    int Attempts,
    DateTimeOffset? LastSentAt,
    /// <summary>Set when the device refused the desired version for good (bad signature, wrong kind, too large, ...).</summary>
    ContentRejection? Rejected);

/// <summary>The device's reason for refusing a content version; the same envelope is not sent to it again.</summary>
public sealed record ContentRejection(uint Version, string Result, string Detail, DateTimeOffset At);

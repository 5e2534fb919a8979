using System;

namespace Devices.Gateway.Outbox;

/// <summary>A stored scan with its delivery state.</summary>
public sealed record OutboxEvent(
    long Id,
    ScanEnvelope Scan,
    OutboxEventState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? FirstFailureAt,
    string? BatchId,
    string? LastError,
    DateTimeOffset? DoneAt);

public enum OutboxEventState
{
    Pending = 0,
    Delivered = 1,
    DeadLetter = 2,
}

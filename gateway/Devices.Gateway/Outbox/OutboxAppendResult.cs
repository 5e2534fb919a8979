namespace Devices.Gateway.Outbox;

/// <summary>
/// The outcome of a durable append: the event's outbox id and whether (device, seq) was already stored (a replay:
/// nothing was written, and the caller acknowledges it like a new one).
/// </summary>
public readonly record struct OutboxAppendResult(long EventId, bool Duplicate);

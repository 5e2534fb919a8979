using System.Threading;
using System.Threading.Tasks;

namespace Devices.Gateway.Outbox;

/// <summary>
/// Wakes the relay when there is new work (an append, a re-sent dead letter). Take <see cref="Next"/> BEFORE
/// looking for work: a signal raised in between then completes the task already held, so nothing is missed.
/// </summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Raise()
    {
        if (Volatile.Read(ref _next).Task.IsCompleted) return;
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}

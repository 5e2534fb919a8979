using System;
using System.Threading.Tasks;

namespace Devices.Gateway.Outbox;

/// <summary>A write queued for the group-commit writer; its task completes after the commit.</summary>
public abstract class OutboxWrite
{
    /// <summary>Runs inside the writer's open transaction.</summary>
    public abstract void Execute(OutboxWriteContext context);

    public abstract void Complete();

    public abstract void Fail(Exception error);
}

/// <summary>A write that yields a value once committed.</summary>
public sealed class OutboxWrite<T> : OutboxWrite
{
    private readonly Func<OutboxWriteContext, T> _work;
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;
    private bool _failed;

    public OutboxWrite(Func<OutboxWriteContext, T> work) => _work = work;

    public Task<T> Task => _done.Task;

    public override void Execute(OutboxWriteContext context) => _result = _work(context);

    public override void Complete()
    {
        if (!_failed) _done.TrySetResult(_result);
    }

    public override void Fail(Exception error)
    {
        _failed = true;
        _done.TrySetException(error);
    }
}

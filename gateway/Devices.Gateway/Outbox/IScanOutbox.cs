using System.Threading;
using System.Threading.Tasks;

namespace Devices.Gateway.Outbox;

/// <summary>The durable scan outbox: the one place a received scan is written before it is acknowledged.</summary>
public interface IScanOutbox
{
    /// <summary>
    /// Stores the scan and completes only after the transaction holding it is committed to disk (group commit:
    /// concurrent appends share one transaction). A (device, seq) already stored is a no-op success with
    /// <see cref="OutboxAppendResult.Duplicate"/> set. Throws when the database cannot be written.
    /// </summary>
    Task<OutboxAppendResult> AppendAsync(ScanEnvelope scan, CancellationToken cancellationToken);
}

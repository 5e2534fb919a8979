using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Registry;
using Devices.Gateway.Outbox;
using Devices.Gateway.Reconciliation;
using Microsoft.Extensions.Logging;

namespace Devices.Gateway.Mqtt;

public enum UplinkOutcome
{
    /// <summary>Handled; for a scan: durably in the outbox (or a duplicate of one that is).</summary>
    Handled,
    /// <summary>Did not decode, or came from a device the registry does not know: counted, logged, dropped.</summary>
    Dropped,
}

/// <summary>
/// What the gateway does with one device uplink, whichever broker it came through: decode with the Core's
/// codecs, write scans to the outbox and wait for the commit, keep device status, answer hello and acks through
/// the reconciler. Returns only when the message may be acknowledged. Throws only when the outbox cannot write
/// (then the message must not be acknowledged).
/// </summary>
public sealed class UplinkProcessor(
    IScanOutbox outbox,
    IDeviceRegistry registry,
    DeviceStatusStore status,
    SelfTestStore selfTests,
    Reconciler reconciler,
    MqttMetrics metrics,
    TimeProvider time,
    ILogger<UplinkProcessor> logger)
{
    public async Task<UplinkOutcome> HandleAsync(string deviceId, TopicKind kind, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        if (registry.Find(deviceId) == null)
        {
            metrics.UnknownDevice();
            logger.LogWarning("Uplink {Kind} from unknown device {DeviceId} dropped.", Topics.LevelName(kind), deviceId);
            return UplinkOutcome.Dropped;
        }
        byte[] data;
        int offset, count;
        if (payload.IsSingleSegment && MemoryMarshal.TryGetArray(payload.First, out var segment))
        {
            data = segment.Array!;
            offset = segment.Offset;
            count = segment.Count;
        }
        else
        {
            data = payload.ToArray();
            offset = 0;
            count = data.Length;
        }

        metrics.Uplink();
        switch (kind)
        {
            case TopicKind.Scan:
            {
                var result = ScanMessage.TryDecode(data, offset, count, out var scan);
                if (!result.Ok) return Malformed(deviceId, kind, result);
                await outbox.AppendAsync(ScanEnvelope.From(deviceId, scan, time.GetUtcNow()), cancellationToken);
                status.RecordSeen(deviceId);
                return UplinkOutcome.Handled;
            }
            case TopicKind.Hello:
            {
                var result = HelloMessage.TryDecode(data, offset, count, out var hello);
                if (!result.Ok) return Malformed(deviceId, kind, result);
                status.RecordHello(deviceId, hello);
                await reconciler.OnHelloAsync(deviceId, hello, cancellationToken);
                return UplinkOutcome.Handled;
            }
            case TopicKind.Ack:
            {
                var result = AckMessage.TryDecode(data, offset, count, out var ack);
                if (!result.Ok) return Malformed(deviceId, kind, result);
                status.RecordAck(deviceId, ack);
                await reconciler.OnAckAsync(deviceId, ack, cancellationToken);
                return UplinkOutcome.Handled;
            }
            case TopicKind.State:
            {
                var result = StateMessage.TryDecode(data, offset, count, out var state);
                if (!result.Ok) return Malformed(deviceId, kind, result);
                status.RecordState(deviceId, state);
                if (state.Status == DeviceStatus.Offline) reconciler.OnOffline(deviceId);
                return UplinkOutcome.Handled;
            }
            case TopicKind.SelfTest:
            {
                var result = SelfTestReport.TryDecode(data, offset, count, out var report);
                if (!result.Ok) return Malformed(deviceId, kind, result);
                selfTests.Record(deviceId, report);
                status.RecordSeen(deviceId);
                int passed = 0;
                foreach (var check in report.Checks) if (check.Passed) passed++;
                logger.LogInformation("Self-test of {DeviceId}: {Passed} of {Count} checks passed.", deviceId, passed, report.Checks.Length);
                return UplinkOutcome.Handled;
            }
            default:
                return UplinkOutcome.Dropped;
        }
    }

    private UplinkOutcome Malformed(string deviceId, TopicKind kind, DecodeResult result)
    {
        metrics.MalformedPayload();
        // The decoder's sentence names fields and lengths, never the payload's bytes (scan data are customer data).
        logger.LogWarning("Malformed {Kind} from {DeviceId} dropped: {Error}: {Message}", Topics.LevelName(kind), deviceId, result.Error, result.Message);
        return UplinkOutcome.Dropped;
    }
}

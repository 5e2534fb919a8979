using System;
using Devices.Firmware.Core.Protocol;

namespace Devices.Gateway.Outbox;

/// <summary>
/// One scan as the gateway received it, ready for the outbox. <paramref name="DeviceUnixTime"/> is the device's
/// scan time in unix seconds (0 when the device had no valid clock); <paramref name="AgeMillis"/> the device's
/// read → publish delay (0 when unknown). <paramref name="Data"/> is customer data: never log it.
/// </summary>
public sealed record ScanEnvelope(
    string DeviceId,
    long Seq,
    long DeviceUnixTime,
    long AgeMillis,
    DateTimeOffset ReceivedAt,
    byte[] Data)
{
    /// <summary>From a decoded uplink: the device's fields plus the gateway's receive time.</summary>
    public static ScanEnvelope From(string deviceId, ScanMessage scan, DateTimeOffset receivedAt) =>
        new(deviceId, scan.Seq, scan.UnixTime, scan.AgeMillis, receivedAt, scan.Data);

    /// <summary>The device's scan time when it had a clock, otherwise receive time minus the device's age.</summary>
    public DateTimeOffset ScannedAt => DeviceUnixTime > 0
        ? DateTimeOffset.FromUnixTimeSeconds(DeviceUnixTime)
        : ReceivedAt - TimeSpan.FromMilliseconds(AgeMillis);
}

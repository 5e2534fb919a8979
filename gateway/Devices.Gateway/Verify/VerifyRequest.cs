using System;
using System.Text.Json.Serialization;

namespace Devices.Gateway.Verify;

/// <summary>Body of POST /api/codes/verify: the scanned link and when it was scanned (default: now).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class VerifyRequest
{
    public string? Link { get; set; }
    public DateTimeOffset? ScannedAt { get; set; }
}

/// <summary>
/// The verdict. Outcome: valid, malformed, unknownDevice, forged, tooOld, fromFuture. AgeSeconds: how long
/// before the scan the code first appeared (0 when the link did not verify as genuine).
/// </summary>
public sealed record VerifyResponse(bool Valid, string Outcome, string? DeviceId, string? TableName, long AgeSeconds, string Reason);

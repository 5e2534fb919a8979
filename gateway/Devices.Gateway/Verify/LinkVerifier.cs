using System;
using System.Collections.Generic;
using System.Linq;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.RotatingCodes;
using Devices.Gateway.Content;

namespace Devices.Gateway.Verify;

/// <summary>
/// Checks a scanned tent link with the Core's <see cref="RotatingCodeVerifier"/>: finds the link template it was
/// made from among the tents' current templates, then the device and token inside it.
/// </summary>
public sealed class LinkVerifier(ContentStore store, TentCodeKeys keys)
{
    public VerifyResponse Verify(string link, DateTimeOffset scannedAt)
    {
        long seconds = scannedAt.ToUnixTimeSeconds();
        if (seconds < 0 || seconds > uint.MaxValue) return new VerifyResponse(false, "malformed", null, null, 0, "scannedAt is out of range");
        var verifier = new RotatingCodeVerifier(keys);
        CodeCheck? best = null;
        foreach (var template in Templates())
        {
            if (!LinkTemplate.TryMatch(template, link, out var deviceId, out _)) continue;
            var check = verifier.VerifyLink(template, link, (uint)seconds);
            // A template another tent also uses may match the shape; keep looking for one that knows the device.
            if (check.Outcome != CodeCheckOutcome.UnknownDevice) { best = check; break; }
            best ??= check;
        }
        if (best is null) return new VerifyResponse(false, "malformed", null, null, 0, "the link matches no table tent's link template");
        string? table = best.DeviceId.Length == 0 ? null : keys.CurrentTent(best.DeviceId)?.TableName;
        bool genuine = best.Outcome is CodeCheckOutcome.Valid or CodeCheckOutcome.TooOld or CodeCheckOutcome.FromFuture;
        return new VerifyResponse(best.Valid, OutcomeName(best.Outcome), best.DeviceId.Length == 0 ? null : best.DeviceId, table,
            genuine ? best.AgeSeconds : 0, best.Message);
    }

    private IEnumerable<string> Templates()
    {
        var templates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stored in store.All().Where(s => s.Kind == ContentKind.Tent))
        {
            if (!TentContentCodec.TryDecode(stored.Payload, 0, stored.Payload.Length, out var tent).Ok) continue;
            templates.Add(tent.LinkTemplate);
            foreach (var entry in tent.Playlist) templates.Add(entry.LinkTemplate);
        }
        return templates;
    }

    private static string OutcomeName(CodeCheckOutcome outcome) => outcome switch
    {
        CodeCheckOutcome.Valid => "valid",
        CodeCheckOutcome.UnknownDevice => "unknownDevice",
        CodeCheckOutcome.Forged => "forged",
        CodeCheckOutcome.TooOld => "tooOld",
        CodeCheckOutcome.FromFuture => "fromFuture",
        _ => "malformed",
    };
}

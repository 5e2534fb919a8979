using System;
using System.Linq;
using CsCheck;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Protocol;

namespace Devices.Firmware.Core.Tests.Protocol;

/// <summary>CsCheck generators for every message, within the documented limits.</summary>
public static class Generators
{
    // Pieces of 1 to 4 UTF-8 bytes (ASCII, Latin-1, euro sign, CJK, an emoji as a surrogate pair), so a string of
    // n pieces is at most 4n bytes and always well-formed.
    private static readonly string[] Pieces = { "a", "Z", "7", " ", "-", "é", "ß", "€", "£", "¥", "中", "价", "格", "😀", "\u0001", "/" };

    public static Gen<T> Pick<T>(params T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    public static Gen<string> Text(int maxBytes) =>
        Pick(Pieces).Array[0, maxBytes / 4].Select(p => string.Concat(p));

    public static readonly Gen<uint> U32 = Gen.OneOf(Gen.UInt[0, 200], Gen.UInt);
    public static readonly Gen<int> I32 = Gen.OneOf(Gen.Int[-130, 130], Gen.Int);

    public static readonly Gen<HelloMessage> Hello =
        Gen.Select(Text(HelloMessage.MaxFirmwareVersionBytes), Gen.Int[0, 2], U32, U32, I32,
            (f, k, a, b, r) => new HelloMessage { FirmwareVersion = f, Kind = (DeviceKind)k, AppliedContentVersion = a, BatteryMillivolts = b, Rssi = r })
            .SelectMany(m => Gen.Select(U32, U32, U32, Gen.Byte, (bc, d, q, w) =>
            {
                m.BootCount = bc; m.DroppedScans = d; m.QueuedScans = q; m.WakeCause = (WakeCause)w;
                return m;
            }));

    public static readonly Gen<WelcomeMessage> Welcome =
        Gen.Select(U32, U32, U32).Select((t, v, w) => new WelcomeMessage { UnixTime = t, DesiredContentVersion = v, WakeIntervalSeconds = w });

    public static readonly Gen<ScanMessage> Scan =
        Gen.Select(U32, U32, U32, Gen.Byte.Array[0, ScanMessage.MaxDataBytes])
            .Select((s, t, a, d) => new ScanMessage { Seq = s, UnixTime = t, AgeMillis = a, Data = d });

    public static readonly Gen<AckMessage> Ack =
        Gen.Select(U32, Gen.Byte, U32, Text(AckMessage.MaxDetailBytes))
            .Select((v, r, a, d) => new AckMessage { ContentVersion = v, Result = (AckResult)r, AppliedContentVersion = a, Detail = d });

    public static readonly Gen<StateMessage> State =
        Gen.Select(Gen.Bool, U32, I32, U32, U32, Gen.Byte).Select((online, b, r, a, d, disp) => online
            ? new StateMessage { Status = DeviceStatus.Online, BatteryMillivolts = b, Rssi = r, AppliedContentVersion = a, DroppedScans = d, Display = (DisplayState)disp }
            : new StateMessage { Status = DeviceStatus.Offline });

    public static readonly Gen<SelfTestReport> SelfTest =
        Gen.Select(U32, Gen.Select(Text(SelfTestCheck.MaxNameBytes), Gen.Bool, Text(SelfTestCheck.MaxDetailBytes))
                .Select((n, p, d) => new SelfTestCheck(n, p, d)).Array[0, SelfTestReport.MaxChecks])
            .Select((t, c) => new SelfTestReport { UnixTime = t, Checks = c });

    public static readonly Gen<NotifyMessage> Notify =
        Gen.Select(Text(NotifyMessage.MaxTextBytes), U32, Gen.Int[0, 3], U32, U32, Gen.Int[0, 2])
            .Select((t, s, l, c, q, o) => new NotifyMessage { Text = t, DisplaySeconds = s, Led = (LedPattern)l, LedCount = c, ScanSeq = q, Outcome = (ScanOutcome)o });

    private static readonly Gen<char> Mark = Pick('.', ',', '·', '٫');

    public static readonly Gen<LabelContent> Label =
        Gen.Select(Text(LabelContentCodec.MaxNameBytes), Gen.OneOf(Gen.Long[-1, 100000], Gen.Long), Gen.Int[0, 4], Text(LabelContentCodec.MaxCurrencyBytes), Gen.Bool,
                (n, p, d, c, a) => new LabelContent { Name = n, PriceMinor = p, PriceDecimals = d, Currency = c, CurrencyAfter = a })
            .SelectMany(l => Gen.Select(Mark, Text(LabelContentCodec.MaxUnitPriceBytes), Text(LabelContentCodec.MaxPromoBytes), Gen.Int[0, 2], Text(LabelContentCodec.MaxCodeDataBytes),
                (m, u, p, k, c) => { l.DecimalMark = m; l.UnitPrice = u; l.Promo = p; l.CodeKind = (LabelCodeKind)k; l.CodeData = c; return l; }))
            .SelectMany(l => Gen.Select(U32, Gen.Int[0, 20], (w, n) => { l.WakeIntervalSeconds = w; l.ExtraGlyphCount = n; return l; }))
            .SelectMany(l => Gen.Byte.Array[l.ExtraGlyphCount * LabelContent.GlyphRecordBytes].Select(g => { l.ExtraGlyphs = g; return l; }));

    private static readonly Gen<string> TemplateGen = Pick(
        "https://m.example.com/t?d={device}&c={token}", "https://s.example.cn/{device}/{token}", "https://example.com/menu",
        "https://x.cn/t/{token}?d={device}", "HTTPS://A.B/{token}");

    public static readonly Gen<TentContent> Tent =
        Gen.Select(Text(TentContentCodec.MaxTableNameBytes), Text(TentContentCodec.MaxHeadlineBytes), TemplateGen, Gen.UInt[1, 86400],
                (n, h, t, r) => new TentContent { TableName = n, Headline = h, LinkTemplate = t, RotationSeconds = r })
            .SelectMany(c => Gen.Select(U32, Gen.Bool,
                Gen.Select(TemplateGen, U32, Text(TentContentCodec.MaxHeadlineBytes), (t, d, h) => new TentPlaylistEntry(t, d, h)).Array[0, 4],
                (d, f, p) => { c.DwellSeconds = d; c.ShowFallbackCode = f; c.Playlist = p; return c; }));
}

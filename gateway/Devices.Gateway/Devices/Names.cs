using Devices.Firmware.Core.Protocol;

namespace Devices.Gateway.Registry;

/// <summary>Readable names for protocol codes in the API and logs (unknown codes become their number).</summary>
public static class Names
{
    public static string Of(AckResult r) => r switch
    {
        AckResult.Applied => "Applied",
        AckResult.BadSignature => "BadSignature",
        AckResult.Replay => "Replay",
        AckResult.TooLarge => "TooLarge",
        AckResult.Malformed => "Malformed",
        AckResult.UnsupportedVersion => "UnsupportedVersion",
        AckResult.WrongDevice => "WrongDevice",
        AckResult.WrongKind => "WrongKind",
        AckResult.StorageFailed => "StorageFailed",
        _ => ((int)r).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Of(WakeCause c) => c switch
    {
        WakeCause.Unknown => "unknown",
        WakeCause.PowerOn => "power-on",
        WakeCause.Timer => "timer",
        WakeCause.Button => "button",
        WakeCause.Reset => "reset",
        WakeCause.Watchdog => "watchdog",
        WakeCause.Reconnect => "reconnect",
        _ => ((int)c).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Of(DisplayState d) => d switch
    {
        DisplayState.Unknown => "unknown",
        DisplayState.Blank => "blank",
        DisplayState.Content => "content",
        DisplayState.Syncing => "syncing",
        DisplayState.Message => "message",
        DisplayState.Error => "error",
        _ => ((int)d).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

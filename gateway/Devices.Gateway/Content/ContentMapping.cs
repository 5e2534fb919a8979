using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.RotatingCodes;

namespace Devices.Gateway.Content;

/// <summary>
/// Turns the API's JSON documents into Core content and back. Field errors are collected under JSON paths
/// ("label.price") so one response names every problem.
/// </summary>
public static class ContentMapping
{
    public static LabelContent ToLabel(LabelDocument d, string path, ValidationErrors errors)
    {
        var c = new LabelContent
        {
            Name = d.Name ?? "",
            Currency = d.Currency ?? "",
            CurrencyAfter = d.CurrencyAfter ?? false,
            UnitPrice = d.UnitPrice ?? "",
            Promo = d.Promo ?? "",
            CodeData = d.CodeData ?? "",
            WakeIntervalSeconds = d.WakeIntervalSeconds ?? 0,
        };
        if (d.Price is { } price)
        {
            if (TryParsePrice(price, out var minor, out var decimals, out var priceError))
            {
                c.PriceMinor = minor;
                c.PriceDecimals = decimals;
            }
            else
            {
                errors.Add(path + ".price", priceError);
            }
        }
        if (d.DecimalMark is { } mark)
        {
            if (mark.Length != 1 || char.IsSurrogate(mark[0])) errors.Add(path + ".decimalMark", "The decimal mark is one character, e.g. \".\" or \",\".");
            else c.DecimalMark = mark[0];
        }
        switch (d.CodeKind ?? "none")
        {
            case "none": c.CodeKind = LabelCodeKind.None; break;
            case "qr": c.CodeKind = LabelCodeKind.Qr; break;
            case "ean13": c.CodeKind = LabelCodeKind.Ean13; break;
            default: errors.Add(path + ".codeKind", "Use \"none\", \"qr\" or \"ean13\"."); break;
        }
        if (c.CodeKind == LabelCodeKind.Qr && c.CodeData.Length == 0) errors.Add(path + ".codeData", "A QR label needs the link in codeData.");
        if (c.CodeKind == LabelCodeKind.Ean13 && !(c.CodeData.Length is 12 or 13 && c.CodeData.All(char.IsAsciiDigit)))
        {
            errors.Add(path + ".codeData", "EAN-13 takes 12 digits (check digit computed) or 13 digits.");
        }
        CheckBytes(errors, path + ".name", c.Name, LabelContentCodec.MaxNameBytes);
        CheckBytes(errors, path + ".currency", c.Currency, LabelContentCodec.MaxCurrencyBytes);
        CheckBytes(errors, path + ".unitPrice", c.UnitPrice, LabelContentCodec.MaxUnitPriceBytes);
        CheckBytes(errors, path + ".promo", c.Promo, LabelContentCodec.MaxPromoBytes);
        CheckBytes(errors, path + ".codeData", c.CodeData, LabelContentCodec.MaxCodeDataBytes);
        return c;
    }

    public static TentContent ToTent(TentDocument d, string path, ValidationErrors errors)
    {
        var c = new TentContent
        {
            TableName = d.TableName ?? "",
            Headline = d.Headline ?? "",
            LinkTemplate = d.LinkTemplate ?? "",
            RotationSeconds = d.RotationSeconds ?? 60,
            DwellSeconds = d.DwellSeconds ?? 30,
            ShowFallbackCode = d.ShowFallbackCode ?? false,
        };
        CheckBytes(errors, path + ".tableName", c.TableName, TentContentCodec.MaxTableNameBytes);
        CheckBytes(errors, path + ".headline", c.Headline, TentContentCodec.MaxHeadlineBytes);
        CheckTemplate(errors, path + ".linkTemplate", c.LinkTemplate);
        if (c.RotationSeconds is 0 or > TentContentCodec.MaxRotationSeconds) errors.Add(path + ".rotationSeconds", "The rotation period is 1 to 86400 seconds.");
        var playlist = d.Playlist ?? new List<TentPlaylistDocument>();
        if (playlist.Count > TentContent.MaxPlaylistEntries) errors.Add(path + ".playlist", "At most 4 playlist entries.");
        c.Playlist = playlist.Take(TentContent.MaxPlaylistEntries).Select((e, i) =>
        {
            var entryPath = path + ".playlist[" + i + "]";
            var entry = new TentPlaylistEntry(e.LinkTemplate ?? "", e.DwellSeconds ?? 10, e.Headline ?? "");
            CheckTemplate(errors, entryPath + ".linkTemplate", entry.LinkTemplate);
            CheckBytes(errors, entryPath + ".headline", entry.Headline, TentContentCodec.MaxHeadlineBytes);
            return entry;
        }).ToArray();
        return c;
    }

    public static LabelDocument ToDocument(LabelContent c) => new()
    {
        Name = c.Name,
        Price = c.PriceMinor < 0 ? null : JsonSerializer.SerializeToElement(FormatPrice(c.PriceMinor, c.PriceDecimals)),
        Currency = c.Currency,
        CurrencyAfter = c.CurrencyAfter,
        DecimalMark = c.DecimalMark.ToString(),
        UnitPrice = c.UnitPrice,
        Promo = c.Promo,
        CodeKind = c.CodeKind switch { LabelCodeKind.Qr => "qr", LabelCodeKind.Ean13 => "ean13", _ => "none" },
        CodeData = c.CodeData,
        WakeIntervalSeconds = c.WakeIntervalSeconds,
    };

    public static TentDocument ToDocument(TentContent c) => new()
    {
        TableName = c.TableName,
        Headline = c.Headline,
        LinkTemplate = c.LinkTemplate,
        RotationSeconds = c.RotationSeconds,
        DwellSeconds = c.DwellSeconds,
        ShowFallbackCode = c.ShowFallbackCode,
        Playlist = c.Playlist.Select(e => new TentPlaylistDocument { LinkTemplate = e.LinkTemplate, DwellSeconds = e.DwellSeconds, Headline = e.Headline }).ToList(),
    };

    /// <summary>
    /// Exact decimal price: "2.49" is 249 with 2 decimals, "3" is 3 with 0; at most 4 decimals and 18 digits, no
    /// sign, '.' as separator; "" means no price (-1). A JSON number is read from its literal text.
    /// </summary>
    public static bool TryParsePrice(JsonElement price, out long minor, out int decimals, out string error)
    {
        minor = -1;
        decimals = 2;
        error = "";
        string text;
        if (price.ValueKind == JsonValueKind.String) text = price.GetString()!;
        else if (price.ValueKind == JsonValueKind.Number) text = price.GetRawText();
        else if (price.ValueKind == JsonValueKind.Null) return true;
        else { error = "The price is a decimal string such as \"2.49\"."; return false; }
        return TryParsePrice(text, out minor, out decimals, out error);
    }

    public static bool TryParsePrice(string text, out long minor, out int decimals, out string error)
    {
        minor = -1;
        decimals = 2;
        error = "";
        if (text.Length == 0) return true;
        int dot = text.IndexOf('.');
        string whole = dot < 0 ? text : text[..dot];
        string fraction = dot < 0 ? "" : text[(dot + 1)..];
        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit) || (dot >= 0 && fraction.Length == 0))
        {
            error = "The price '" + text + "' is not a decimal number such as \"2.49\" (digits, one '.', no sign).";
            return false;
        }
        if (fraction.Length > LabelContentCodec.MaxDecimals) { error = "The price has more than 4 decimals."; return false; }
        if (whole.Length + fraction.Length > 18) { error = "The price has more than 18 digits."; return false; }
        minor = long.Parse(whole + fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        decimals = fraction.Length;
        return true;
    }

    public static string FormatPrice(long minor, int decimals)
    {
        var digits = minor.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        return decimals == 0 ? digits : digits[..^decimals] + "." + digits[^decimals..];
    }

    private static void CheckBytes(ValidationErrors errors, string field, string value, int max)
    {
        int n = Encoding.UTF8.GetByteCount(value);
        if (n > max) errors.Add(field, "At most " + max + " bytes of UTF-8; this is " + n + ".");
    }

    private static void CheckTemplate(ValidationErrors errors, string field, string template)
    {
        if (!LinkTemplate.IsValid(template, out var problem)) errors.Add(field, "The link template is not usable: " + problem + ".");
    }
}

/// <summary>Field errors for a validation problem response (field name → messages).</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = new List<string>();
        list.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public string Summary() => string.Join(" ", _errors.Select(e => e.Key + ": " + string.Join(" ", e.Value)));
}

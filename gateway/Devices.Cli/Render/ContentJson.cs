using System;
using System.Globalization;
using System.Text.Json;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Layouts;

namespace Devices.Cli.Render;

/// <summary>
/// Reads the content files of <c>devices render label|tent</c> (docs/content-json.md). Strict on purpose: an unknown
/// field or a wrong type is an error naming the field, so a typo never silently renders an empty label.
/// </summary>
public static class ContentJson
{
    private static readonly string[] LabelFields =
        ["name", "price", "currency", "currencyAfter", "decimalMark", "unitPrice", "promo", "codeKind", "codeData"];

    private static readonly string[] TentFields =
        ["link", "tableName", "fallbackCode", "headline", "overlay", "offline", "syncing"];

    /// <summary>Largest number of digits after the decimal point we accept in a price.</summary>
    public const int MaxPriceDecimals = 4;

    public static LabelContent ReadLabel(string json)
    {
        var content = new LabelContent();
        using var doc = Open(json);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            switch (p.Name)
            {
                case "name": content.Name = String(p); break;
                case "price": ParsePrice(p, content); break;
                case "currency": content.Currency = String(p); break;
                case "currencyAfter": content.CurrencyAfter = Bool(p); break;
                case "decimalMark":
                    var mark = String(p);
                    if (mark.Length != 1) throw new RenderException("field 'decimalMark' must be one character, e.g. \",\" or \".\"");
                    content.DecimalMark = mark[0];
                    break;
                case "unitPrice": content.UnitPrice = String(p); break;
                case "promo": content.Promo = String(p); break;
                case "codeKind":
                    content.CodeKind = String(p) switch
                    {
                        "none" => LabelCodeKind.None,
                        "qr" => LabelCodeKind.Qr,
                        "ean13" => LabelCodeKind.Ean13,
                        var other => throw new RenderException($"field 'codeKind' is \"{other}\": use \"qr\", \"ean13\" or \"none\""),
                    };
                    break;
                case "codeData": content.CodeData = String(p); break;
                default: throw Unknown(p.Name, "label", LabelFields);
            }
        }
        if (content.CodeKind == LabelCodeKind.None && content.CodeData.Length > 0)
            throw new RenderException("field 'codeData' is set but 'codeKind' is not: add \"codeKind\": \"qr\" or \"ean13\"");
        return content;
    }

    public static TentScreen ReadTent(string json)
    {
        var screen = new TentScreen();
        using var doc = Open(json);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            switch (p.Name)
            {
                case "link": screen.Link = String(p); break;
                case "tableName": screen.TableName = String(p); break;
                case "fallbackCode": screen.FallbackCode = String(p); break;
                case "headline": screen.Headline = String(p); break;
                case "overlay": screen.Overlay = String(p); break;
                case "offline": screen.Offline = Bool(p); break;
                case "syncing": screen.Syncing = Bool(p); break;
                default: throw Unknown(p.Name, "tent", TentFields);
            }
        }
        return screen;
    }

    /// <summary>
    /// "2.49" becomes PriceMinor 249 with 2 decimals, "3" becomes 3 with 0, "1.50" keeps its 2 decimals. Exact: no
    /// floating point. A JSON number is taken as written (its literal text), with the same rules.
    /// </summary>
    public static void ParsePrice(string text, LabelContent content)
    {
        string Bad(string why) => $"field 'price' is \"{text}\": {why} (write it like \"2.49\")";
        if (text.Length == 0) { content.PriceMinor = -1; return; } // "": no price shown
        int dot = text.IndexOf('.');
        string whole = dot < 0 ? text : text[..dot];
        string fraction = dot < 0 ? "" : text[(dot + 1)..];
        if (whole.Length == 0 || !AllDigits(whole) || !AllDigits(fraction) || (dot >= 0 && fraction.Length == 0))
            throw new RenderException(Bad("use digits and at most one '.'"));
        if (fraction.Length > MaxPriceDecimals)
            throw new RenderException(Bad($"at most {MaxPriceDecimals} digits after the '.'"));
        string digits = (whole + fraction).TrimStart('0');
        if (digits.Length > 18)
            throw new RenderException(Bad("too large"));
        content.PriceMinor = digits.Length == 0 ? 0 : long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        content.PriceDecimals = fraction.Length;
    }

    private static void ParsePrice(JsonProperty p, LabelContent content)
    {
        switch (p.Value.ValueKind)
        {
            case JsonValueKind.String: ParsePrice(p.Value.GetString()!, content); break;
            case JsonValueKind.Number: ParsePrice(p.Value.GetRawText(), content); break;
            case JsonValueKind.Null: content.PriceMinor = -1; break;
            default: throw new RenderException("field 'price' must be a string like \"2.49\"");
        }
    }

    private static bool AllDigits(string s)
    {
        foreach (char c in s)
            if (c < '0' || c > '9') return false;
        return true;
    }

    private static JsonDocument Open(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new RenderException("content is not valid JSON: " + e.Message);
        }
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            throw new RenderException("content must be a JSON object, e.g. {\"name\": \"Apples\", \"price\": \"2.49\"}");
        }
        return doc;
    }

    private static string String(JsonProperty p) => p.Value.ValueKind switch
    {
        JsonValueKind.String => p.Value.GetString()!,
        JsonValueKind.Null => "",
        _ => throw new RenderException($"field '{p.Name}' must be a string"),
    };

    private static bool Bool(JsonProperty p) => p.Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new RenderException($"field '{p.Name}' must be true or false"),
    };

    private static RenderException Unknown(string name, string kind, string[] known) =>
        new($"unknown field '{name}' in {kind} content (known fields: {string.Join(", ", known)})");
}

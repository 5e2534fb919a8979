using System.Collections.Generic;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Layouts;

namespace Devices.Firmware.Core.Tests.Layouts;

/// <summary>The fixed contents the golden images and decode tests render, per panel.</summary>
public static class LayoutSamples
{
    public const string ShopLink = "https://m.example.com/p/4006381333931?s=17";
    public const string TentLink = "https://order.example.com/t/T12?k=Q2hFx7Vb9kLmN3";

    public static readonly string[] PanelSizes = ["2.13", "2.9", "4.2"];
    public static readonly string[] TentPanelSizes = ["2.9", "4.2"];

    public static IEnumerable<(string Name, LabelContent Content)> Labels()
    {
        yield return ("qr-euro", new LabelContent
        {
            Name = "Bio Äpfel Elstar, Klasse I",
            PriceMinor = 249, PriceDecimals = 2, Currency = "€", CurrencyAfter = true, DecimalMark = ',',
            UnitPrice = "1 kg = 2,49 €", CodeKind = LabelCodeKind.Qr, CodeData = ShopLink,
        });
        yield return ("ean-promo", new LabelContent
        {
            Name = "Whole Milk 3.5% 1 l",
            PriceMinor = 1299, PriceDecimals = 2, Currency = "$", CurrencyAfter = false, DecimalMark = '.',
            UnitPrice = "$1.30 / 100 ml", Promo = "-20%", CodeKind = LabelCodeKind.Ean13, CodeData = "4006381333931",
        });
        yield return ("yen-plain", new LabelContent
        {
            Name = "Green tea",
            PriceMinor = 398, PriceDecimals = 0, Currency = "¥", UnitPrice = "100 g = ¥199",
        });
        yield return ("absurd", new LabelContent
        {
            Name = "An extraordinarily long product name that cannot possibly fit on any shelf label at all, not even the big one",
            PriceMinor = 99999999999, PriceDecimals = 2, Currency = "CHF", CurrencyAfter = true, DecimalMark = '.',
            UnitPrice = "Unit price line that is also far too long to fit on one line of the label",
            Promo = "SALE SALE SALE SALE", CodeKind = LabelCodeKind.Qr, CodeData = ShopLink,
        });
    }

    public static IEnumerable<(string Name, TentScreen Screen)> Tents()
    {
        yield return ("order", new TentScreen
        {
            Link = TentLink, TableName = "Table 12", FallbackCode = "K7Q-4MP", Headline = "Scan to order and pay",
        });
        yield return ("paid", new TentScreen
        {
            Link = TentLink, TableName = "Table 12", FallbackCode = "K7Q-4MP", Headline = "Scan to order and pay",
            Overlay = "Paid",
        });
        yield return ("offline", new TentScreen
        {
            Link = TentLink, TableName = "Terrasse 3", FallbackCode = "K7Q-4MP", Headline = "Scan to see the menu",
            Offline = true,
        });
        yield return ("syncing", new TentScreen { TableName = "Table 12", Syncing = true, Link = TentLink });
    }
}

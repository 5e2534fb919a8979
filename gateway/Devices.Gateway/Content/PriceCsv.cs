using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Devices.Gateway.Content;

/// <summary>One data line of a price file: its line number in the file and the cells it gave (null = not given).</summary>
public sealed record PriceCsvLine(int Line, string Sku, string Price, string? Name, string? Promo);

/// <summary>A problem with one line of a price file, in words: "line 7: price 'abc' is not a number ...".</summary>
public sealed record PriceCsvError(int Line, string Message);

/// <summary>
/// Reads a price file: columns sku,price[,name,promo]. A first line starting with "sku" is a header and may
/// reorder the columns. Separator ',' (or ';' when the first line has ';' and no ','), cells may be quoted
/// ("a, b" with "" for a quote), blank lines are skipped. An empty name or promo cell leaves it as it is;
/// a promo of "-" removes the badge. Prices use '.' (or one ',' as the decimal mark: "2,49").
/// </summary>
public static class PriceCsv
{
    public const int MaxLines = 5000;
    private static readonly string[] Known = { "sku", "price", "name", "promo" };

    public static (List<PriceCsvLine> Lines, List<PriceCsvError> Errors) Parse(string text)
    {
        var lines = new List<PriceCsvLine>();
        var errors = new List<PriceCsvError>();
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var rows = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        char separator = rows.Length > 0 && rows[0].Contains(';') && !rows[0].Contains(',') ? ';' : ',';
        int[] columns = { 0, 1, 2, 3 }; // index of sku, price, name, promo in a row
        int width = 4; // most cells a row may have
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int r = 0; r < rows.Length; r++)
        {
            int number = r + 1;
            string row = rows[r];
            if (row.Trim().Length == 0) continue;
            if (!TrySplit(row, separator, out var cells))
            {
                errors.Add(new PriceCsvError(number, "line " + number + ": a quote (\") is not closed."));
                continue;
            }
            if (lines.Count == 0 && errors.Count == 0 && cells[0].Trim().Equals("sku", StringComparison.OrdinalIgnoreCase))
            {
                if (!TryHeader(cells, out columns, out string problem)) { errors.Add(new PriceCsvError(number, "line " + number + ": " + problem)); return (lines, errors); }
                width = cells.Count;
                continue;
            }
            if (cells.Count < 2 || cells.Count > width)
            {
                errors.Add(new PriceCsvError(number, "line " + number + ": " + cells.Count + (cells.Count == 1 ? " column" : " columns") +
                    "; expected sku,price and optionally name,promo (separated by '" + separator + "')."));
                continue;
            }
            string Cell(int column) => columns[column] < cells.Count ? cells[columns[column]].Trim() : "";
            string sku = Cell(0), price = Cell(1), name = Cell(2), promo = Cell(3);
            if (sku.Length == 0) { errors.Add(new PriceCsvError(number, "line " + number + ": the sku is empty.")); continue; }
            if (price.Length == 0) { errors.Add(new PriceCsvError(number, "line " + number + ": the price for '" + sku + "' is empty.")); continue; }
            string normal = NormalPrice(price);
            if (!ContentMapping.TryParsePrice(normal, out _, out _, out _))
            {
                errors.Add(new PriceCsvError(number, "line " + number + ": price '" + price + "' is not a number (write it like 2.49: digits, one '.', no currency sign)."));
                continue;
            }
            if (seen.TryGetValue(sku, out int first))
            {
                errors.Add(new PriceCsvError(number, "line " + number + ": sku '" + sku + "' is already on line " + first + "."));
                continue;
            }
            seen[sku] = number;
            if (lines.Count >= MaxLines)
            {
                errors.Add(new PriceCsvError(number, "line " + number + ": the file has more than " + MaxLines + " prices; split it."));
                break;
            }
            lines.Add(new PriceCsvLine(number, sku, normal, name.Length == 0 ? null : name, promo.Length == 0 ? null : promo == "-" ? "" : promo));
        }
        if (lines.Count == 0 && errors.Count == 0) errors.Add(new PriceCsvError(0, "The file has no prices: write one line per product, sku,price (e.g. 4006381333931,2.49)."));
        return (lines, errors);
    }

    /// <summary>"2,49" (one comma, no dot) is 2.49; anything else is kept for the price check to judge.</summary>
    private static string NormalPrice(string price) =>
        price.Count(c => c == ',') == 1 && !price.Contains('.') ? price.Replace(',', '.') : price;

    private static bool TryHeader(List<string> cells, out int[] columns, out string problem)
    {
        columns = new[] { -1, -1, -1, -1 };
        problem = "";
        for (int i = 0; i < cells.Count; i++)
        {
            int k = Array.IndexOf(Known, cells[i].Trim().ToLowerInvariant());
            if (k < 0) { problem = "unknown column '" + cells[i].Trim() + "' in the header; use sku, price, name, promo."; return false; }
            columns[k] = i;
        }
        if (columns[1] < 0) { problem = "the header has no price column."; return false; }
        // Missing optional columns point past the end of every row: always empty.
        for (int k = 2; k < 4; k++) if (columns[k] < 0) columns[k] = 1000 + k;
        return true;
    }

    /// <summary>Splits a row into cells, honouring quotes. False when a quote is left open.</summary>
    private static bool TrySplit(string row, char separator, out List<string> cells)
    {
        cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < row.Length; i++)
        {
            char c = row[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < row.Length && row[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == separator) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return !quoted;
    }
}

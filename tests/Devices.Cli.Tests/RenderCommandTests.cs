using System;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using Devices.Cli.Render;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Tests.Oracles;
using Devices.Imaging;

namespace Devices.Cli.Tests;

public class RenderCommandTests
{
    private const string Link = "https://order.example.com/t/T12?k=Q2hFx7Vb9kLmN3";

    [Fact]
    public void Qr_png_decodes_and_the_summary_line_describes_it()
    {
        string png = CliRun.TempFile(".png");
        var r = CliRun.Run("render", "qr", "--text", Link, "--ecc", "Q", "--mask", "3", "--min-version", "5", "--scale", "3", "--border", "4", "--out", png);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.StdErr);
        Assert.Equal($"wrote {Path.GetFileName(png)}: QR version 5-Q, 37×37 modules, mask 3, 3 px/module{Environment.NewLine}", r.StdOut);
        AssertQr(png, Link);
        var (width, height, _) = Firmware.Core.Tests.Layouts.GoldenImage.Read(File.ReadAllBytes(png));
        Assert.Equal((37 + 8) * 3, width);
        Assert.Equal(width, height);
    }

    [Fact]
    public void Qr_with_defaults_picks_level_M_and_the_smallest_version() // 15 UTF-8 bytes: one more than 1-M holds
    {
        string png = CliRun.TempFile(".png");
        var r = CliRun.Run("render", "qr", "--text", "Grüße, 你好", "--out", png);
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(new Regex(@"^wrote \S+\.png: QR version 2-M, 25×25 modules, mask [0-7], 4 px/module\r?\n$"), r.StdOut);
        AssertQr(png, "Grüße, 你好");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Qr_pbm_reads_back_to_a_decodable_picture(bool plain)
    {
        string pbm = CliRun.TempFile(".pbm");
        var r = plain
            ? CliRun.Run("render", "qr", "--text", Link, "--out", pbm, "--pbm-plain")
            : CliRun.Run("render", "qr", "--text", Link, "--out", pbm);
        Assert.Equal(0, r.ExitCode);
        byte[] file = File.ReadAllBytes(pbm);
        Assert.Equal(plain ? "P1" : "P4", Encoding.ASCII.GetString(file, 0, 2));
        string png = Decoders.WritePng(PbmReader.Read(file));
        AssertQr(png, Link);
    }

    [Theory]
    [InlineData("ean13", "400638133393", "EAN-13", "4006381333931")]
    [InlineData("upca", "036000291452", "UPC-A", "036000291452")]
    [InlineData("code128", "Table-12/Order 4711", "Code128", "Table-12/Order 4711")]
    public void Barcodes_decode_with_zbar_and_zxing(string type, string data, string format, string expected)
    {
        string png = CliRun.TempFile(".png");
        var r = CliRun.Run("render", "barcode", "--type", type, "--data", data, "--scale", "2", "--out", png);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith($"wrote {Path.GetFileName(png)}: ", r.StdOut);
        var zxing = Decoders.ZXing(png);
        Assert.NotNull(zxing);
        Assert.Equal(format, zxing!.Format);
        Assert.Equal(expected, zxing.Text);
        // zbar reports UPC-A as EAN-13 with a leading 0 unless asked otherwise.
        var zbar = Decoders.ZBar(png);
        Assert.NotNull(zbar);
        Assert.Equal(type == "upca" ? "0" + expected : expected, Encoding.UTF8.GetString(zbar!));
    }

    [Fact]
    public void Barcode_height_sets_the_bar_length()
    {
        string pbm = CliRun.TempFile(".pbm");
        Assert.Equal(0, CliRun.Run("render", "barcode", "--type", "ean13", "--data", "4006381333931", "--scale", "1", "--height", "30", "--out", pbm).ExitCode);
        var picture = PbmReader.Read(File.ReadAllBytes(pbm));
        Assert.Equal(11 + 95 + 7, picture.Width);
        int x = 11; // first bar of the start guard
        Assert.Equal(Inks.Black, picture.GetPixel(x, 0));
        Assert.Equal(Inks.Black, picture.GetPixel(x, 29));
        Assert.Equal(Inks.White, picture.GetPixel(x, 30));
    }

    [Theory]
    [InlineData("label", "label-apples.json", "2.13", "EAN-13", "4006381333931")]
    [InlineData("label", "label-apples.json", "2.9", "EAN-13", "4006381333931")]
    [InlineData("label", "label-apples.json", "4.2", "EAN-13", "4006381333931")]
    [InlineData("tent", "tent-table12.json", "2.9", "QRCode", Link)]
    [InlineData("tent", "tent-table12.json", "4.2", "QRCode", Link)]
    public void Screens_from_the_example_content_files_decode(string verb, string example, string panel, string format, string expected)
    {
        string content = Path.Combine(CliRun.RepositoryRoot, "docs", "examples", example);
        foreach (bool red in new[] { false, true })
        {
            string png = CliRun.TempFile(".png");
            var r = red
                ? CliRun.Run("render", verb, "--panel", panel, "--red", "--content", content, "--out", png)
                : CliRun.Run("render", verb, "--panel", panel, "--content", content, "--out", png);
            Assert.Equal(0, r.ExitCode);
            Assert.Equal("", r.StdErr);
            Assert.StartsWith($"wrote {Path.GetFileName(png)}: {panel}\" {verb} ", r.StdOut);
            var zxing = Decoders.ZXing(png);
            Assert.NotNull(zxing);
            Assert.Equal(format, zxing!.Format);
            Assert.Equal(expected, zxing.Text);
            var zbar = Decoders.ZBar(png);
            Assert.NotNull(zbar);
            Assert.Equal(expected, Encoding.UTF8.GetString(zbar!));
        }
    }

    [Fact]
    public void A_label_whose_code_cannot_be_drawn_still_renders_with_a_warning()
    {
        string json = CliRun.TempFile(".json");
        File.WriteAllText(json, "{\"name\":\"Dense\",\"price\":\"1.00\",\"codeKind\":\"qr\",\"codeData\":\"" + new string('x', 600) + "\"}");
        string png = CliRun.TempFile(".png");
        var r = CliRun.Run("render", "label", "--panel", "2.13", "--content", json, "--out", png);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("no code", r.StdOut);
        Assert.StartsWith("warning: QR code not drawn", r.StdErr);
        Assert.True(File.Exists(png));
    }

    public static TheoryData<string[], string> BadCommands() => new()
    {
        { ["render"], "choose what to render" },
        { ["render", "pdf"], "unknown render verb 'pdf'" },
        { ["render", "qr", "--out", "x.png"], "--text is required" },
        { ["render", "qr", "--text"], "--text needs a value" },
        { ["render", "qr", "--text", "a", "--out", "x.gif"], "--out must end in .png or .pbm" },
        { ["render", "qr", "--text", "a", "--out", "x.png", "--pbm-plain"], "--pbm-plain applies to .pbm output only" },
        { ["render", "qr", "--text", "a", "--ecc", "X", "--out", "x.png"], "--ecc must be L, M, Q or H" },
        { ["render", "qr", "--text", "a", "--mask", "8", "--out", "x.png"], "--mask must be a whole number from 0 to 7" },
        { ["render", "qr", "--text", "a", "--scale", "two", "--out", "x.png"], "--scale must be a whole number" },
        { ["render", "qr", "--text", new string('9', 8000), "--out", "x.png"], "Data too long for a QR code" },
        { ["render", "qr", "--text", "a", "--colour", "red", "--out", "x.png"], "unknown argument '--colour'" },
        { ["render", "qr", "--text", "a", "--out", "/nonexistent-dir/x.png"], "cannot write /nonexistent-dir/x.png" },
        { ["render", "barcode", "--type", "ean8", "--data", "1", "--out", "x.png"], "--type must be ean13, upca or code128" },
        { ["render", "barcode", "--type", "ean13", "--data", "4006381333932", "--out", "x.png"], "EAN-13 check digit is 1, not 2" },
        { ["render", "label", "--panel", "7.5", "--content", "c.json", "--out", "x.png"], "--panel must be 2.13, 2.9 or 4.2" },
        { ["render", "label", "--panel", "2.9", "--content", "/nonexistent.json", "--out", "x.png"], "cannot read /nonexistent.json" },
        { ["render", "tent", "--panel", "2.9", "--out", "x.png"], "--content is required" },
    };

    [Theory]
    [MemberData(nameof(BadCommands))]
    public void Bad_input_is_one_error_line_and_a_non_zero_exit(string[] args, string message)
    {
        var r = CliRun.Run(args);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Equal("", r.StdOut);
        string[] lines = r.StdErr.TrimEnd().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(message, lines[0]);
    }

    [Theory]
    [InlineData("{\"name\":\"A\",\"prize\":\"1.00\"}", "unknown field 'prize' in label content")]
    [InlineData("{\"name\":\"A\",\"price\":\"2,49\"}", "field 'price' is \"2,49\"")]
    [InlineData("{\"name\":\"A\",\"price\":true}", "field 'price' must be a string")]
    [InlineData("{\"name\":5}", "field 'name' must be a string")]
    [InlineData("{\"codeKind\":\"datamatrix\"}", "field 'codeKind' is \"datamatrix\"")]
    [InlineData("{\"codeData\":\"123\"}", "'codeKind' is not")]
    [InlineData("[1,2]", "content must be a JSON object")]
    [InlineData("{\"name\":", "content is not valid JSON")]
    public void Bad_label_content_is_one_error_line(string json, string message)
    {
        string file = CliRun.TempFile(".json");
        File.WriteAllText(file, json);
        var r = CliRun.Run("render", "label", "--panel", "2.9", "--content", file, "--out", CliRun.TempFile(".png"));
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.StdErr.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", r.StdErr);
        Assert.Contains(message, r.StdErr);
    }

    [Fact]
    public void Unknown_tent_fields_are_rejected()
    {
        string file = CliRun.TempFile(".json");
        File.WriteAllText(file, "{\"link\":\"https://x\",\"table\":\"12\"}");
        var r = CliRun.Run("render", "tent", "--panel", "2.9", "--content", file, "--out", CliRun.TempFile(".png"));
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("error: unknown field 'table' in tent content (known fields: link, tableName,", r.StdErr);
    }

    [Theory]
    [InlineData("2.49", 249, 2)]
    [InlineData("3", 3, 0)]
    [InlineData("1.50", 150, 2)]
    [InlineData("0.5", 5, 1)]
    [InlineData("0", 0, 0)]
    [InlineData("99999999999", 99999999999, 0)]
    [InlineData("12345678901234.5678", 123456789012345678, 4)]
    public void Prices_parse_exactly(string text, long minor, int decimals)
    {
        var content = new LabelContent();
        ContentJson.ParsePrice(text, content);
        Assert.Equal(minor, content.PriceMinor);
        Assert.Equal(decimals, content.PriceDecimals);
    }

    [Theory]
    [InlineData("2,49")]
    [InlineData("-1")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1e3")]
    [InlineData("1.23456")]
    [InlineData("1234567890123456789")]
    [InlineData(" 1")]
    public void Bad_prices_are_refused(string text)
    {
        var e = Assert.Throws<RenderException>(() => ContentJson.ParsePrice(text, new LabelContent()));
        Assert.StartsWith("field 'price' is", e.Message);
    }

    [Fact]
    public void Json_numbers_are_read_as_written()
    {
        var content = ContentJson.ReadLabel("{\"price\": 2.10}");
        Assert.Equal(210, content.PriceMinor);
        Assert.Equal(2, content.PriceDecimals);
    }

    private static void AssertQr(string png, string expected)
    {
        var zbar = Firmware.Core.Tests.Qr.ZBarBytes.Read(png); // byte-exact for non-ASCII payloads
        Assert.NotNull(zbar);
        Assert.Equal(expected, Encoding.UTF8.GetString(zbar!));
        var zxing = Decoders.ZXing(png);
        Assert.NotNull(zxing);
        Assert.Equal("QRCode", zxing!.Format);
        Assert.Equal(expected, zxing.Text);
    }
}

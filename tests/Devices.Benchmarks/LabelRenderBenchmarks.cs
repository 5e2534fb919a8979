using System;
using BenchmarkDotNet.Attributes;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Layouts;

namespace Devices.Benchmarks;

/// <summary>
/// A typical 2.9" shelf label (name, euro price, unit price, QR link at the right) rendered into a reused frame by
/// a reused <see cref="ShelfLabelLayout"/>, as the firmware does. The layout keeps the last QR symbol, so a
/// re-render of the same link skips the encode; the second benchmark alternates two links to pay for it each time.
/// </summary>
[MemoryDiagnoser]
public class LabelRenderBenchmarks
{
    private readonly ShelfLabelLayout _layout = new(Panel.Epd29);
    private readonly FrameBuffer _frame = Panel.Epd29.CreateFrame();
    private readonly LabelContent _apples = Label("https://m.example.com/p/4006381333931?s=17");
    private readonly LabelContent _applesOtherShop = Label("https://m.example.com/p/4006381333931?s=18");
    private bool _flip;

    private static LabelContent Label(string link) => new()
    {
        Name = "Bio Äpfel Elstar, Klasse I",
        PriceMinor = 249,
        PriceDecimals = 2,
        Currency = "€",
        CurrencyAfter = true,
        DecimalMark = ',',
        UnitPrice = "1 kg = 2,49 €",
        CodeKind = LabelCodeKind.Qr,
        CodeData = link,
    };

    [GlobalSetup]
    public void WarmUpAndCheck()
    {
        // Warm-up: fonts, price formatting, both QR symbols; and make sure the QR really is drawn.
        foreach (var content in new[] { _apples, _applesOtherShop, _apples })
        {
            var result = _layout.Render(content, _frame);
            if (!result.CodeDrawn || result.HasProblem) throw new InvalidOperationException("the QR code was not drawn: " + result.Problem);
        }
    }

    [Benchmark(Baseline = true, Description = "2.9\" label with QR, same content again (QR kept)")]
    public LayoutResult SameContent() => _layout.Render(_apples, _frame);

    [Benchmark(Description = "2.9\" label with QR, link changes every render (QR encoded)")]
    public LayoutResult NewLinkEachRender()
    {
        _flip = !_flip;
        return _layout.Render(_flip ? _applesOtherShop : _apples, _frame);
    }
}

using System;
using Devices.Firmware.Core.Codes;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Text;

namespace Devices.Firmware.Core.Layouts
{
    /// <summary>
    /// Draws a shelf label: product name (wrapped, ellipsis), the price with big whole units and small decimals,
    /// the unit-price line, a promo badge, and a QR code (right) or EAN-13 (bottom). Any content renders without
    /// throwing; what cannot be shown readably is left out and reported in the <see cref="LayoutResult"/>.
    /// Keep one instance per panel: it owns the encoders and text renderers, so a render allocates nothing once
    /// the same content has been drawn before.
    /// </summary>
    public sealed class ShelfLabelLayout
    {
        private static readonly LabelContent Empty = new LabelContent();

        private readonly Panel _panel;
        private readonly bool _large;
        private readonly int _margin;
        private readonly int _gap;
        private readonly int _minModule;
        private readonly LayoutResult _result = new LayoutResult();
        private readonly QrBox _qr = new QrBox();
        private readonly BarcodeBox _ean = new BarcodeBox();
        private readonly PriceText _price = new PriceText();
        private readonly TextRenderer _name;
        private readonly TextRenderer _unit;
        private readonly TextRenderer _badge;
        private readonly TextRenderer[] _all;
        private readonly Font[] _eanDigitFonts;

        // Price styles, biggest first: whole units with (renderer, scale), the small parts with (renderer, scale).
        private readonly TextRenderer[] _wholeText;
        private readonly int[] _wholeScale;
        private readonly TextRenderer[] _smallText;
        private readonly int[] _smallScale;
        private readonly int[] _wholeInkTop; // ink top of the digits at that style, in pixels
        private readonly int[] _smallInkTop;

        public ShelfLabelLayout(Panel panel)
        {
            if (panel == null) throw new ArgumentNullException("panel");
            _panel = panel;
            _large = panel.Height >= 200;
            _margin = _large ? 8 : 3;
            _gap = _large ? 6 : 2;
            _minModule = ScanRule.MinModulePixels(panel.PixelPitchMicrons);

            var f6 = new TextRenderer(LayoutFonts.Small);
            var f8 = new TextRenderer(LayoutFonts.Medium);
            var f12 = new TextRenderer(LayoutFonts.Large);
            var f16 = new TextRenderer(LayoutFonts.Big);
            var f32 = new TextRenderer(LayoutFonts.PriceDigits); // digits only: whole units, never words
            var f16x2 = new TextRenderer(LayoutFonts.Big);       // kept at scale 2 for decimals next to 64×128 digits
            var f12x2 = new TextRenderer(LayoutFonts.Large);     // kept at scale 2
            _all = new TextRenderer[] { f6, f8, f12, f16, f32, f16x2, f12x2 };
            _name = _large ? f12 : f8;
            _unit = _large ? f12 : f6;
            _badge = _large ? f16 : f12;
            _eanDigitFonts = new Font[] { LayoutFonts.Large, LayoutFonts.Medium, LayoutFonts.Small };

            // The small parts (mark, decimals, currency such as "CHF") need letters, so they never use the digit font.
            _wholeText = new TextRenderer[] { f32, f16x2, f32, f12x2, f16, f12, f8, f6 };
            _wholeScale = new int[] { 2, 3, 1, 2, 1, 1, 1, 1 };
            _smallText = new TextRenderer[] { f16x2, f12x2, f16, f12, f8, f6, f6, f6 };
            _smallScale = new int[] { 2, 2, 1, 1, 1, 1, 1, 1 };
            _wholeInkTop = new int[_wholeText.Length];
            _smallInkTop = new int[_wholeText.Length];
            for (int i = 0; i < _wholeText.Length; i++)
            {
                _wholeInkTop[i] = GlyphInk.Top(_wholeText[i].Font, '1') * _wholeScale[i];
                _smallInkTop[i] = GlyphInk.Top(_smallText[i].Font, '1') * _smallScale[i];
            }
        }

        public Panel Panel { get { return _panel; } }

        /// <summary>Extra glyphs (e.g. Chinese characters sent with the content) for all text on the label.</summary>
        public void SetExtraGlyphs(GlyphSet[]? sets)
        {
            for (int i = 0; i < _all.Length; i++) _all[i].SetExtraGlyphs(sets);
        }

        /// <summary>Clears the frame and draws the label. The result object is reused by the next render.</summary>
        public LayoutResult Render(LabelContent? content, FrameBuffer frame)
        {
            if (frame == null) throw new ArgumentNullException("frame");
            if (content == null) content = Empty;
            _result.Reset();
            frame.ResetClip();
            frame.Clear(Ink.White);
            int width = frame.Width, height = frame.Height;
            int m = _margin;

            // The code first: it needs a fixed amount of room to stay scannable, text takes what is left.
            int columnRight = width - m;  // text column [m, columnRight)
            int columnBottom = height - m;
            if (content.CodeKind == LabelCodeKind.Qr) columnRight = DrawQr(content.CodeData, frame, columnRight);
            else if (content.CodeKind == LabelCodeKind.Ean13) columnBottom = DrawEan(content.CodeData, frame, columnBottom);
            int columnWidth = columnRight - m;

            _price.Set(content.PriceMinor, content.PriceDecimals, content.DecimalMark);
            string unit = content.UnitPrice == null ? "" : content.UnitPrice;
            string promo = content.Promo == null ? "" : content.Promo;
            _unit.Scale = 1;
            _badge.Scale = 1;
            _name.Scale = 1;
            int unitHeight = unit.Length > 0 ? _unit.LineHeight : 0;
            int unitWidth = unit.Length > 0 ? Math.Min(_unit.MeasureWidth(unit), columnWidth / 2) : 0;
            int badgeWidth = BadgeWidth(promo, columnWidth / 2);
            int badgeHeight = badgeWidth > 0 ? BadgeHeight : 0;

            // Two arrangements; the one that gives the price the bigger type wins (ties: the first).
            // Side: name across the top, price below it, badge and unit price stacked at the price's right.
            // Stacked: badge top right with the name beside it, price in the middle, unit price along the bottom.
            int sideWidth = Math.Max(unitWidth, badgeWidth);
            int sideNameLines = NameLines(content.Name, columnWidth, columnBottom - m);
            int sideTop = m + sideNameLines * _name.LineHeight + (sideNameLines > 0 ? _gap : 0);
            int sideHeight = columnBottom - sideTop;
            int sideStyle = -1;
            if (sideWidth > 0 && sideHeight >= badgeHeight + unitHeight + (badgeHeight > 0 && unitHeight > 0 ? _gap : 0))
                sideStyle = PriceStyle(content, columnWidth - sideWidth - 2 * _gap, sideHeight);

            int stackNameWidth = columnWidth - (badgeWidth > 0 ? badgeWidth + _gap : 0);
            int stackBottom = columnBottom - (unitHeight > 0 ? unitHeight + _gap : 0);
            int stackNameLines = NameLines(content.Name, stackNameWidth, stackBottom - m);
            int stackTop = Math.Max(m + stackNameLines * _name.LineHeight + (stackNameLines > 0 ? _gap : 0),
                badgeHeight > 0 ? m + badgeHeight + _gap : 0);
            int stackStyle = PriceStyle(content, columnWidth, stackBottom - stackTop);

            bool side = sideStyle >= 0 && (stackStyle < 0 || sideStyle <= stackStyle);
            if (side)
            {
                _name.DrawWrapped(frame, content.Name, m, m, columnWidth, sideNameLines, TextAlign.Left, Ink.Black);
                if (badgeWidth > 0) DrawBadge(promo, frame, columnRight - badgeWidth, sideTop, badgeWidth);
                if (unitWidth > 0)
                    _unit.DrawLine(frame, unit, columnRight - unitWidth, columnBottom - unitHeight, unitWidth, TextAlign.Right, Ink.Black);
                if (_price.HasPrice) DrawPrice(content, sideStyle, frame, m, sideTop, sideHeight);
            }
            else
            {
                _name.DrawWrapped(frame, content.Name, m, m, stackNameWidth, stackNameLines, TextAlign.Left, Ink.Black);
                if (badgeWidth > 0) DrawBadge(promo, frame, columnRight - badgeWidth, m, badgeWidth);
                if (unitWidth > 0)
                    _unit.DrawLine(frame, unit, m, columnBottom - unitHeight, columnWidth, TextAlign.Left, Ink.Black);
                if (_price.HasPrice)
                {
                    if (stackStyle >= 0) DrawPrice(content, stackStyle, frame, m, stackTop, stackBottom - stackTop);
                    else _result.AddProblem("price not drawn: too long for this label");
                }
            }
            return _result;
        }

        /// <summary>
        /// Lines the name may take: its wrapped length, but no more than leaves the price a readable size
        /// (two lines as a rule, three on the big panel; more when there is no price).
        /// </summary>
        private int NameLines(string? name, int width, int height)
        {
            if (name == null || name.Length == 0 || width <= 0) return 0;
            int lineHeight = _name.LineHeight;
            int minPrice = _price.HasPrice ? (_large ? 64 : 32) : 0;
            int lines = (height - minPrice - _gap) / lineHeight;
            int maxLines = _price.HasPrice ? (_large ? 3 : 2) : 6;
            if (lines > maxLines) lines = maxLines;
            if (lines < 1) lines = 1;
            bool truncated;
            int needed = _name.Wrap(name, width, lines, _lineStarts, _lineLengths, out truncated);
            return needed < 1 ? 1 : needed;
        }

        // Scratch for NameLines: only the count of wrapped lines is used.
        private readonly int[] _lineStarts = new int[6];
        private readonly int[] _lineLengths = new int[6];

        private int BadgeHeight { get { return _large ? 40 : 30; } }

        /// <summary>Returns the x where the text column must end.</summary>
        private int DrawQr(string? data, FrameBuffer frame, int columnRight)
        {
            int width = frame.Width, height = frame.Height;
            int maxSide = Math.Min(height, width * 2 / 5);
            if (!_qr.EncodeAndFit(data == null ? "" : data, QrEcc.Medium, maxSide, _minModule))
            {
                _result.AddProblem(_qr.Problem);
                return columnRight;
            }
            int x = width - _qr.Side;
            int y = (height - _qr.Side) / 2;
            _qr.Draw(frame, x, y);
            _result.SetCode(_qr.Scale, _qr.QuietModules, x, y, _qr.Side, _qr.Side);
            return x - _gap;
        }

        /// <summary>Returns the y where the text column must end.</summary>
        private int DrawEan(string? data, FrameBuffer frame, int columnBottom)
        {
            int width = frame.Width, height = frame.Height;
            int band = _large ? 84 : 38;
            if (!_ean.EncodeAndFit(data == null ? "" : data, width, band, _minModule, _large ? 3 : 2, _eanDigitFonts))
            {
                _result.AddProblem(_ean.Problem);
                return columnBottom;
            }
            int x = (width - _ean.Width) / 2;
            int y = height - _margin - _ean.Height;
            _ean.Draw(frame, x, y);
            _result.SetCode(_ean.Scale, Ean13.QuietZoneRight, x, y, _ean.Width, _ean.Height);
            return y - _gap;
        }

        /// <summary>Width of the promo badge (0 for no promo), at most <paramref name="maxWidth"/>.</summary>
        private int BadgeWidth(string text, int maxWidth)
        {
            if (text.Length == 0) return 0;
            _badge.Scale = 1;
            int pad = _large ? 8 : 4;
            int textWidth = Math.Min(_badge.MeasureWidth(text), maxWidth - 2 * pad);
            return textWidth <= 0 ? 0 : textWidth + 2 * pad;
        }

        /// <summary>An inverted (or red) box with the promo text in white.</summary>
        private void DrawBadge(string text, FrameBuffer frame, int x, int top, int boxWidth)
        {
            int pad = _large ? 8 : 4;
            frame.FillRect(x, top, boxWidth, BadgeHeight, _panel.HasRed ? Ink.Red : Ink.Black);
            int textTop = top + (BadgeHeight - _badge.LineHeight) / 2;
            _badge.DrawLine(frame, text, x + pad, textTop, boxWidth - 2 * pad, TextAlign.Center, Ink.White);
        }

        /// <summary>The biggest price style (index into the style tables) that fits the box; -1 when none does.</summary>
        private int PriceStyle(LabelContent content, int width, int height)
        {
            if (!_price.HasPrice || width <= 0 || height <= 0) return -1;
            for (int i = 0; i < _wholeText.Length; i++)
            {
                _wholeText[i].Scale = _wholeScale[i];
                if (_wholeText[i].LineHeight <= height && PriceWidth(content, i) <= width) return i;
            }
            return -1;
        }

        private int PriceWidth(LabelContent content, int style)
        {
            TextRenderer big = _wholeText[style], small = _smallText[style];
            big.Scale = _wholeScale[style];
            small.Scale = _smallScale[style];
            int gap = _large ? 4 : 2;
            string fraction = _price.Fraction;
            int wholeWidth = big.MeasureWidth(_price.Whole);
            int fractionWidth = small.MeasureWidth(fraction);
            int currencyWidth = small.MeasureWidth(content.Currency);
            if (content.CurrencyAfter)
            {
                // The currency stands under the decimals (right of the mark) on the big digits' baseline.
                int markWidth = fractionWidth > 0 ? small.MeasureWidth(fraction, 0, 1) : 0;
                int stack = Math.Max(fractionWidth, markWidth + currencyWidth);
                return wholeWidth + (stack > 0 ? gap + stack : 0);
            }
            return (currencyWidth > 0 ? currencyWidth + gap : 0) + wholeWidth + (fractionWidth > 0 ? gap + fractionWidth : 0);
        }

        /// <summary>
        /// "€12,99" with the whole units big and the currency, mark and decimals small, tops aligned ("12,99 €"
        /// puts the currency under the decimals, on the baseline, instead), centred vertically in the box.
        /// </summary>
        private void DrawPrice(LabelContent content, int style, FrameBuffer frame, int x, int y, int height)
        {
            TextRenderer big = _wholeText[style], small = _smallText[style];
            big.Scale = _wholeScale[style];
            small.Scale = _smallScale[style];
            string currency = content.Currency == null ? "" : content.Currency;
            string whole = _price.Whole, fraction = _price.Fraction;
            int gap = _large ? 4 : 2;
            int wholeWidth = big.MeasureWidth(whole);
            int fractionWidth = small.MeasureWidth(fraction);
            int currencyWidth = small.MeasureWidth(currency);
            int markWidth = fractionWidth > 0 ? small.MeasureWidth(fraction, 0, 1) : 0;

            int top = y + (height - big.LineHeight) / 2;
            int smallTop = top + _wholeInkTop[style] - _smallInkTop[style];
            int pen = x;
            if (!content.CurrencyAfter && currencyWidth > 0)
            {
                small.Draw(frame, currency, pen, smallTop, Ink.Black);
                pen += currencyWidth + gap;
            }
            big.Draw(frame, whole, pen, top, Ink.Black);
            pen += wholeWidth + gap;
            if (fractionWidth > 0) small.Draw(frame, fraction, pen, smallTop, Ink.Black);
            if (content.CurrencyAfter && currencyWidth > 0)
            {
                int currencyTop = smallTop;
                if (fractionWidth > 0)
                {
                    // On the baseline, but never touching the decimals above it.
                    currencyTop = top + big.Baseline - small.Baseline;
                    int clear = smallTop + small.Baseline + gap - _smallInkTop[style];
                    if (currencyTop < clear) currencyTop = clear;
                }
                small.Draw(frame, currency, pen + markWidth, currencyTop, Ink.Black);
            }
        }
    }
}

using System;
using Devices.Firmware.Core.Codes;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Text;

namespace Devices.Firmware.Core.Layouts
{
    /// <summary>
    /// Draws a table tent: the QR code as large as the panel allows on the left with the fallback code under it,
    /// the headline and the table name on the right. An overlay ("Paid") replaces the right-hand column for a few
    /// seconds; an offline mark sits in the bottom-right corner; while the clock is unknown no code is drawn at all
    /// (a stale or wrong token must never be shown), only a clear "syncing" message.
    /// Keep one instance per panel: a render allocates nothing once the same screen has been drawn before.
    /// </summary>
    public sealed class TableTentLayout
    {
        private static readonly TentScreen Empty = new TentScreen();

        private readonly Panel _panel;
        private readonly bool _large;
        private readonly int _margin;
        private readonly int _minModule;
        private readonly LayoutResult _result = new LayoutResult();
        private readonly QrBox _qr = new QrBox();
        private readonly TextRenderer[] _all;
        private readonly TextRenderer[] _fallbackFonts; // biggest first
        private readonly TextRenderer _headline;
        private readonly TextRenderer _mark;
        private readonly TextRenderer _note;
        // Candidates for big text (table name, overlay, syncing message), biggest first.
        private readonly TextRenderer[] _bigText;
        private readonly int[] _bigScale;

        public const string SyncingMessage = "Syncing clock";
        public const string SyncingNote = "The code appears in a moment.";
        public const string NoCodeMessage = "Code unavailable";
        public const string OfflineMark = "OFFLINE";

        public TableTentLayout(Panel panel)
        {
            if (panel == null) throw new ArgumentNullException("panel");
            _panel = panel;
            _large = panel.Height >= 200;
            _margin = _large ? 8 : 4;
            _minModule = ScanRule.MinModulePixels(panel.PixelPitchMicrons);
            var f6 = new TextRenderer(LayoutFonts.Small);
            var f8 = new TextRenderer(LayoutFonts.Medium);
            var f12 = new TextRenderer(LayoutFonts.Large);
            var f16 = new TextRenderer(LayoutFonts.Big);
            var f16x2 = new TextRenderer(LayoutFonts.Big); // used at scale 2 for the biggest words
            _all = new TextRenderer[] { f6, f8, f12, f16, f16x2 };
            _fallbackFonts = _large ? new TextRenderer[] { f12, f8, f6 } : new TextRenderer[] { f8, f6 };
            _headline = _large ? f12 : f8;
            _mark = _large ? f8 : f6;
            _note = _large ? f12 : f8;
            _bigText = new TextRenderer[] { f16x2, f16, f12, f8 };
            _bigScale = new int[] { 2, 1, 1, 1 };
        }

        public Panel Panel { get { return _panel; } }

        public void SetExtraGlyphs(GlyphSet[]? sets)
        {
            for (int i = 0; i < _all.Length; i++) _all[i].SetExtraGlyphs(sets);
        }

        /// <summary>Clears the frame and draws the screen. The result object is reused by the next render.</summary>
        public LayoutResult Render(TentScreen? screen, FrameBuffer frame)
        {
            if (frame == null) throw new ArgumentNullException("frame");
            if (screen == null) screen = Empty;
            _result.Reset();
            frame.ResetClip();
            frame.Clear(Ink.White);
            int width = frame.Width, height = frame.Height;
            int m = _margin;
            int markHeight = screen.Offline ? DrawOfflineMark(frame) : 0;

            if (screen.Syncing)
            {
                DrawSyncing(screen, frame, markHeight);
                return _result;
            }

            // Left: the code and, under it, the fallback code. Right: everything else.
            // The code gets the most pixels per module the panel allows with the smallest fallback font; then the
            // fallback takes the biggest font that does not cost the code a pixel per module.
            TextRenderer fallback = _fallbackFonts[_fallbackFonts.Length - 1];
            bool hasFallback = !IsEmpty(screen.FallbackCode);
            int maxSide = Math.Min(height - FallbackHeight(fallback, hasFallback), width * 3 / 5);
            int columnLeft;
            if (_qr.EncodeAndFit(IsEmpty(screen.Link) ? "" : screen.Link!, QrEcc.Medium, maxSide, _minModule))
            {
                for (int i = 0; i < _fallbackFonts.Length; i++)
                {
                    int side = Math.Min(height - FallbackHeight(_fallbackFonts[i], hasFallback), width * 3 / 5);
                    if (_qr.ScaleFor(side) < _qr.Scale) continue;
                    fallback = _fallbackFonts[i];
                    maxSide = side;
                    break;
                }
                _qr.Fit(maxSide, _minModule);
                int codeSide = _qr.Side;
                int y = (height - FallbackHeight(fallback, hasFallback) - codeSide) / 2;
                _qr.Draw(frame, 0, y);
                _result.SetCode(_qr.Scale, _qr.QuietModules, 0, y, codeSide, codeSide);
                if (hasFallback)
                    fallback.DrawLine(frame, screen.FallbackCode, m, y + codeSide, codeSide - 2 * m, TextAlign.Center, Ink.Black);
                columnLeft = codeSide + 2;
            }
            else
            {
                // Say so on the screen too: staff see at once that this tent needs attention.
                _result.AddProblem(IsEmpty(screen.Link) ? "no link: QR code not drawn" : _qr.Problem);
                fallback = _fallbackFonts[0];
                int fallbackHeight = FallbackHeight(fallback, hasFallback);
                int side = Math.Min(width * 3 / 5, height - fallbackHeight - 2 * m);
                frame.DrawRect(m, m, side - m, side, 1, Ink.Black);
                _note.Scale = 1;
                _note.DrawWrapped(frame, NoCodeMessage, 2 * m, m + side / 2 - _note.LineHeight, side - 3 * m, 2, TextAlign.Center, Ink.Black);
                if (hasFallback)
                    fallback.DrawLine(frame, screen.FallbackCode, m, m + side + 2, side - m, TextAlign.Center, Ink.Black);
                columnLeft = side + m;
            }

            int columnWidth = width - m - columnLeft;
            int columnBottom = height - m - (markHeight > 0 ? markHeight + 2 : 0);
            if (!IsEmpty(screen.Overlay))
            {
                DrawOverlay(screen.Overlay!, frame, columnLeft, m, columnWidth, columnBottom - m);
                return _result;
            }

            int top = m;
            if (!IsEmpty(screen.Headline))
            {
                _headline.Scale = 1;
                int drawn = _headline.DrawWrapped(frame, screen.Headline, columnLeft, top, columnWidth, 3, TextAlign.Left, Ink.Black);
                top += drawn * _headline.LineHeight + (_large ? 8 : 4);
            }
            if (!IsEmpty(screen.TableName))
                DrawBig(screen.TableName!, frame, columnLeft, top, columnWidth, columnBottom - top, TextAlign.Left, Ink.Black, true);
            return _result;
        }

        private static int FallbackHeight(TextRenderer font, bool shown)
        {
            font.Scale = 1;
            return shown ? font.LineHeight + 2 : 0;
        }

        /// <summary>No code while the clock is unknown: a token from a wrong clock would be refused or, worse, valid later.</summary>
        private void DrawSyncing(TentScreen screen, FrameBuffer frame, int markHeight)
        {
            int m = _margin, width = frame.Width, height = frame.Height;
            int top = m;
            if (!IsEmpty(screen.TableName))
            {
                _headline.Scale = 1;
                _headline.DrawLine(frame, screen.TableName, m, top, width - 2 * m, TextAlign.Left, Ink.Black);
                top += _headline.LineHeight + m;
            }
            _note.Scale = 1;
            int bottom = height - m - Math.Max(markHeight, 0);
            int noteTop = bottom - _note.LineHeight;
            _note.DrawLine(frame, SyncingNote, m, noteTop, width - 2 * m, TextAlign.Center, Ink.Black);
            DrawBig(SyncingMessage, frame, m, top, width - 2 * m, noteTop - top, TextAlign.Center, Ink.Black, false);
        }

        /// <summary>The feedback message, big, white on black (or red), over the whole right-hand column.</summary>
        private void DrawOverlay(string text, FrameBuffer frame, int x, int y, int width, int height)
        {
            if (width <= 0 || height <= 0) return;
            frame.FillRect(x, y, width, height, _panel.HasRed ? Ink.Red : Ink.Black);
            int pad = _large ? 8 : 4;
            DrawBig(text, frame, x + pad, y + pad, width - 2 * pad, height - 2 * pad, TextAlign.Center, Ink.White, false);
        }

        /// <summary>
        /// Draws text in the biggest font that shows all of it in at most two lines, centred vertically in the box
        /// (or from the top when <paramref name="topAligned"/>); the smallest font with an ellipsis otherwise.
        /// </summary>
        private void DrawBig(string text, FrameBuffer frame, int x, int y, int width, int height, TextAlign align, Ink ink, bool topAligned)
        {
            if (width <= 0 || height <= 0) return;
            for (int i = 0; i < _bigText.Length; i++)
            {
                TextRenderer r = _bigText[i];
                r.Scale = _bigScale[i];
                int lineHeight = r.LineHeight;
                int maxLines = Math.Min(2, height / lineHeight);
                if (maxLines < 1) continue;
                bool last = i == _bigText.Length - 1;
                int lines = Lines(r, text, width, maxLines, last);
                if (lines == 0) continue;
                int top = topAligned ? y : y + (height - lines * lineHeight) / 2;
                r.DrawWrapped(frame, text, x, top, width, lines, align, ink);
                return;
            }
        }

        // Scratch for Lines(): the wrap positions are not needed, only whether the text fits.
        private readonly int[] _starts = new int[2];
        private readonly int[] _lengths = new int[2];

        /// <summary>Lines the text needs with this renderer, or 0 when it does not fit in maxLines (unless forced).</summary>
        private int Lines(TextRenderer r, string text, int width, int maxLines, bool force)
        {
            bool truncated;
            int count = r.Wrap(text, width, maxLines, _starts, _lengths, out truncated);
            if (truncated && !force) return 0;
            if (count == 0) return force ? 1 : 0;
            // A word broken in the middle reads badly at big sizes: prefer a smaller font then.
            if (!force)
            {
                for (int line = 0; line + 1 < count; line++)
                {
                    int end = _starts[line] + _lengths[line];
                    if (end < text.Length && text[end] != ' ' && text[end] != '\n') return 0;
                }
            }
            return count;
        }

        /// <summary>A small inverted "OFFLINE" tag in the bottom-right corner; returns its height.</summary>
        private int DrawOfflineMark(FrameBuffer frame)
        {
            _mark.Scale = 1;
            int pad = 2;
            int w = _mark.MeasureWidth(OfflineMark) + 2 * pad;
            int h = _mark.LineHeight + 2 * pad;
            int x = frame.Width - _margin - w;
            int y = frame.Height - _margin - h;
            frame.FillRect(x, y, w, h, _panel.HasRed ? Ink.Red : Ink.Black);
            _mark.Draw(frame, OfflineMark, x + pad, y + pad, Ink.White);
            return h;
        }

        private static bool IsEmpty(string? s)
        {
            return s == null || s.Length == 0;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Hal;
using Devices.Imaging;

namespace Devices.Simulator.Hardware;

/// <summary>One picture the device sent to its panel.</summary>
public sealed class ShownFrame : IPixelImage
{
    private readonly FrameBuffer _frame;

    internal ShownFrame(Panel panel, byte[] black, byte[]? red, bool fullRefresh, int index)
    {
        _frame = panel.CreateFrame();
        Array.Copy(black, _frame.BlackPlane, _frame.BlackPlane.Length);
        if (red != null && _frame.RedPlane != null) Array.Copy(red, _frame.RedPlane, _frame.RedPlane.Length);
        FullRefresh = fullRefresh;
        Index = index;
    }

    /// <summary>0 for the first frame shown since the display was created.</summary>
    public int Index { get; }

    /// <summary>True for a full refresh, false for a partial one.</summary>
    public bool FullRefresh { get; }

    public byte[] BlackPlane => _frame.BlackPlane;
    public byte[]? RedPlane => _frame.RedPlane;

    /// <summary>As the viewer sees the mounted panel.</summary>
    public int Width => _frame.Width;
    public int Height => _frame.Height;
    public int GetPixel(int x, int y) => (int)_frame.GetPixel(x, y);
}

/// <summary>
/// A panel that keeps every frame it is shown (thread-safe to read while the device runs) and can write them as
/// PNG files. Checks the plane sizes as the real controller RAM would.
/// </summary>
public sealed class MemoryDisplay : IDisplay
{
    private readonly Panel _panel;
    private readonly List<ShownFrame> _frames = new();
    private readonly string? _pngFolder;
    private readonly string _pngPrefix;
    private int _shown;

    /// <param name="pngFolder">When set, every frame is also written there as {prefix}-{index:D4}.png.</param>
    public MemoryDisplay(Panel panel, string? pngFolder = null, string pngPrefix = "frame", int keepFrames = 1000)
    {
        _panel = panel ?? throw new ArgumentNullException(nameof(panel));
        _pngFolder = pngFolder;
        _pngPrefix = pngPrefix;
        KeepFrames = keepFrames;
        if (pngFolder != null) Directory.CreateDirectory(pngFolder);
    }

    public Panel Panel => _panel;
    public int Width => _panel.Width;
    public int Height => _panel.Height;
    public bool HasRed => _panel.HasRed;
    public bool SupportsPartialRefresh => !_panel.HasRed;

    /// <summary>Frames older than this many are forgotten (the PNGs stay).</summary>
    public int KeepFrames { get; }

    /// <summary>True after PowerDown until the next Show.</summary>
    public bool IsPoweredDown { get; private set; }

    /// <summary>Frames shown since creation (including forgotten ones).</summary>
    public int ShownCount { get { lock (_frames) return _shown; } }

    public void Show(byte[] blackPlane, byte[]? redPlane, bool fullRefresh)
    {
        int planeBytes = (_panel.NativeWidth + 7) / 8 * _panel.NativeHeight;
        if (blackPlane == null || blackPlane.Length != planeBytes)
            throw new ArgumentException($"The black plane must be {planeBytes} bytes for the {_panel.Size}\" panel.", nameof(blackPlane));
        if (redPlane != null && redPlane.Length != planeBytes)
            throw new ArgumentException($"The red plane must be {planeBytes} bytes for the {_panel.Size}\" panel.", nameof(redPlane));
        bool full = fullRefresh || !SupportsPartialRefresh;
        ShownFrame frame;
        lock (_frames)
        {
            frame = new ShownFrame(_panel, blackPlane, redPlane, full, _shown++);
            _frames.Add(frame);
            if (_frames.Count > KeepFrames) _frames.RemoveAt(0);
            IsPoweredDown = false;
        }
        if (_pngFolder != null) PngFile.Write(Path.Combine(_pngFolder, $"{_pngPrefix}-{frame.Index:D4}.png"), frame);
    }

    public void PowerDown() { lock (_frames) IsPoweredDown = true; }

    /// <summary>A copy of the frames kept, oldest first.</summary>
    public ShownFrame[] Frames { get { lock (_frames) return _frames.ToArray(); } }

    /// <summary>The newest frame, or null before the first Show.</summary>
    public ShownFrame? Last { get { lock (_frames) return _frames.Count == 0 ? null : _frames[^1]; } }
}

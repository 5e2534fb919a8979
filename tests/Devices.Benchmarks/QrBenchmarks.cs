using System;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Devices.Firmware.Core.Codes;
using QRCoder;

namespace Devices.Benchmarks;

/// <summary>One 62-character table-tent URL (the size; byte mode, version 4, 33x33) at level M: our encoder (buffers reused), QRCoder 1.8.1, libqrencode.</summary>
[MemoryDiagnoser]
public class QrBenchmarks
{
    public const string Url = "https://order.example.com/m/8f3a?t=Table12&k=Zq7ZQ2xP0vLr8s4w9";

    private readonly QrEncoder _encoder = new();
    private readonly QrCode _code = new();
    private readonly QRCodeGenerator _qrCoder = new();
    private readonly IntPtr _urlUtf8 = Marshal.StringToCoTaskMemUTF8(Url);

    [GlobalSetup]
    public void CheckAllThreeAgree()
    {
        if (Url.Length != 62) throw new InvalidOperationException("the issue asks for a 62-character URL; this one has " + Url.Length);
        if (_encoder.EncodeText(Url, QrEcc.Medium, 1, QrEncoder.AutoMask, _code) != QrStatus.Ok)
            throw new InvalidOperationException(_encoder.LastError);
        int theirs = _qrCoder.CreateQrCode(Url, QRCodeGenerator.ECCLevel.M).ModuleMatrix.Count - 8; // minus quiet zone
        int libqrencode = LibQrencode();
        if (theirs != _code.Size || libqrencode != _code.Size)
            throw new InvalidOperationException("sizes differ: ours " + _code.Size + ", QRCoder " + theirs + ", libqrencode " + libqrencode);
    }

    [Benchmark(Baseline = true, Description = "Devices QrEncoder (reused buffers)")]
    public int Ours()
    {
        _encoder.EncodeText(Url, QrEcc.Medium, 1, QrEncoder.AutoMask, _code);
        return _code.Size;
    }

    [Benchmark(Description = "QRCoder 1.8.1")]
    public int QRCoder() => _qrCoder.CreateQrCode(Url, QRCodeGenerator.ECCLevel.M).ModuleMatrix.Count;

    [Benchmark(Description = "libqrencode 4.1.1 (P/Invoke)")]
    public int LibQrencode()
    {
        IntPtr qr = QRcode_encodeString8bit(_urlUtf8, 0, QrEcLevelM);
        if (qr == IntPtr.Zero) throw new InvalidOperationException("libqrencode failed");
        int width = Marshal.ReadInt32(qr, 4); // struct QRcode { int version; int width; unsigned char *data; }
        QRcode_free(qr);
        return width;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Marshal.FreeCoTaskMem(_urlUtf8);
        _qrCoder.Dispose();
    }

    private const int QrEcLevelM = 1;

    [DllImport("libqrencode.so.4")]
    private static extern IntPtr QRcode_encodeString8bit(IntPtr text, int version, int level);

    [DllImport("libqrencode.so.4")]
    private static extern void QRcode_free(IntPtr qrcode);
}

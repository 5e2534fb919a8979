using System;
using System.Reflection;
using Devices.Firmware.Core.Codes;

namespace Devices.Firmware.Core.Tests.Qr;

public class QrMemoryTests
{
    [Fact]
    public void ReusedEncoderAndCodeAllocateNothing()
    {
        var encoder = new QrEncoder();
        var code = new QrCode();
        var bytes = new byte[2000];
        new Random(1).NextBytes(bytes);
        const string url = "https://order.example.com/m/8f3a?t=Table12&k=Zq7ZQ2xP0vLr8s4w9aB3";
        const string chinese = "桌号12 扫码点餐 https://order.example.com/m/8f3a";
        // Warm up (JIT, static tables).
        encoder.EncodeText(url, QrEcc.Medium, 1, QrEncoder.AutoMask, code);
        encoder.EncodeText(chinese, QrEcc.Medium, 1, QrEncoder.AutoMask, code);
        encoder.EncodeText("0123456789", QrEcc.High, 1, QrEncoder.AutoMask, code);
        encoder.EncodeText("HELLO WORLD", QrEcc.High, 1, QrEncoder.AutoMask, code);
        encoder.Encode(bytes, 0, bytes.Length, QrEcc.Low, 1, QrEncoder.AutoMask, code);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            encoder.EncodeText(url, QrEcc.Medium, 1, QrEncoder.AutoMask, code);
            encoder.EncodeText(chinese, QrEcc.Quartile, 1, 3, code);
            encoder.EncodeText("0123456789", QrEcc.High, 1, QrEncoder.AutoMask, code);
            encoder.EncodeText("HELLO WORLD", QrEcc.High, 5, QrEncoder.AutoMask, code);
            encoder.Encode(bytes, 0, bytes.Length, QrEcc.Low, 1, QrEncoder.AutoMask, code);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(40, new QrEncoder().Encode(new byte[2900], 0, 2900, QrEcc.Low, 1, 0, code) == QrStatus.Ok ? code.Version : 0);
    }

    /// <summary>Sums every array an encoder holds (walking its object graph), so the documented figure cannot drift.</summary>
    [Fact]
    public void WorkingMemoryOfAnEncoderIsUnder4KB()
    {
        long total = ArrayBytes(new QrEncoder(), new System.Collections.Generic.HashSet<object>(System.Collections.Generic.ReferenceEqualityComparer.Instance));
        Assert.Equal(QrEncoder.WorkingMemoryBytes, total);
        Assert.True(total < 4096, total + " bytes");
        Assert.Equal(3917, QrCode.MaxModuleBytes);
    }

    private static long ArrayBytes(object o, System.Collections.Generic.HashSet<object> seen)
    {
        if (!seen.Add(o)) return 0;
        if (o is Array a) return a.Length * (long)System.Runtime.InteropServices.Marshal.SizeOf(a.GetType().GetElementType()!);
        long sum = 0;
        foreach (var f in o.GetType().GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public))
        {
            if (f.FieldType.IsValueType || f.FieldType == typeof(string)) continue;
            var value = f.GetValue(o);
            if (value != null) sum += ArrayBytes(value, seen);
        }
        return sum;
    }
}

using System;
using System.Diagnostics;
using System.Linq;
using Devices.Firmware.Core.Scanning;

namespace Devices.Hardware.Tests.Scanner;

public class Gm65CommandsTests
{
    private static byte[] Hex(string s) => Convert.FromHexString(s.Replace(" ", ""));

    // Frames as printed in the GM65 user manual and used by many public drivers.
    [Fact]
    public void TriggerIsTheDocumentedFrame() => Assert.Equal(Hex("7E 00 08 01 00 02 01 AB CD"), Gm65Commands.Trigger());

    [Fact]
    public void SaveIsTheDocumentedFrameWithARealCrc()
    {
        // The manual's save frame carries one data byte (00); reference-facts.md dropped it ("7E 00 09 01 00 00 DE C8").
        // DE C8 is the CRC of 09 01 00 00 00 — with the byte dropped the CRC would be C4 47.
        Assert.Equal(Hex("7E 00 09 01 00 00 00 DE C8"), Gm65Commands.Save());
    }

    [Fact]
    public void ReadIsTheDocumentedBaudQuery() => Assert.Equal(Hex("7E 00 07 01 00 2A 02 D8 0F"), Gm65Commands.Read(0x002A, 2));

    [Fact]
    public void WriteIsTheDocumented9600BaudFrame() => Assert.Equal(Hex("7E 00 08 02 00 2A 39 01 A7 EA"), Gm65Commands.Write(0x002A, [0x39, 0x01]));

    [Fact]
    public void CrcHasTheXmodemCheckValue()
    {
        var data = System.Text.Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0x31C3, Gm65Commands.Crc16(data, 0, data.Length));
    }

    [Fact]
    public void CrcEqualsPythonsCrcHqxOnRandomInputs()
    {
        var random = new Random(5);
        var inputs = Enumerable.Range(0, 200).Select(i => { var b = new byte[random.Next(0, 40)]; random.NextBytes(b); return b; }).ToArray();
        var script = "import binascii,sys\nfor line in sys.stdin:\n    print(binascii.crc_hqx(bytes.fromhex(line.strip()), 0))\n";
        var psi = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        Process p;
        try { p = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception e) { throw new InvalidOperationException("python3 is needed as the independent CRC oracle: apt-get install python3", e); }
        foreach (var b in inputs) p.StandardInput.WriteLine(Convert.ToHexString(b));
        p.StandardInput.Close();
        var expected = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        p.WaitForExit();
        Assert.Equal(inputs.Length, expected.Length);
        for (int i = 0; i < inputs.Length; i++) Assert.Equal(expected[i], Gm65Commands.Crc16(inputs[i], 0, inputs[i].Length));
    }

    [Fact]
    public void EveryCheckedFrameCarriesTheCrcOfTypeToData()
    {
        foreach (var frame in new[] { Gm65Commands.Read(0x0060, 1), Gm65Commands.Write(0x0000, [0x03]), Gm65Commands.Save() })
        {
            ushort crc = Gm65Commands.Crc16(frame, 2, frame.Length - 4);
            Assert.Equal((byte)(crc >> 8), frame[^2]);
            Assert.Equal((byte)crc, frame[^1]);
        }
    }

    [Fact]
    public void ParsesTheDocumentedWriteAcknowledgement()
    {
        var data = new byte[16];
        Assert.Equal(1, Gm65Commands.ParseReply(Hex("02 00 00 01 00 33 31"), 0, 7, data));
        Assert.Equal(0, data[0]);
    }

    [Fact]
    public void FindsAReplyAfterNoiseAndRejectsABadCrc()
    {
        var data = new byte[16];
        var noisy = Hex("0D 41 42 02 00 00 02 5A A5 00 00");
        ushort crc = Gm65Commands.Crc16(noisy, 4, 5);
        noisy[9] = (byte)(crc >> 8);
        noisy[10] = (byte)crc;
        Assert.Equal(2, Gm65Commands.ParseReply(noisy, 0, noisy.Length, data));
        Assert.Equal(new byte[] { 0x5A, 0xA5 }, data[..2]);
        noisy[10] ^= 1;
        Assert.Equal(-1, Gm65Commands.ParseReply(noisy, 0, noisy.Length, data));
        Assert.Equal(-1, Gm65Commands.ParseReply(Hex("02 00 00 01 00 33"), 0, 6, data)); // truncated
    }

    [Fact]
    public void ModeAndTerminatorChangeOnlyTheirBits()
    {
        Assert.Equal(0xD7, Gm65Commands.WithMode(0xD6, Gm65Mode.Sensing));
        Assert.Equal(0xD5, Gm65Commands.WithMode(0xD6, Gm65Mode.Command));
        Assert.Equal(0x80, Gm65Commands.WithTerminator(0xE0, Gm65Terminator.Cr));
        Assert.Equal(0xA1, Gm65Commands.WithTerminator(0x81, Gm65Terminator.CrLf));
        Assert.Equal(0x7F, Gm65Commands.WithTerminator(0x1F, Gm65Terminator.None));
    }

    [Fact]
    public void BadArgumentsGetClearErrors()
    {
        Assert.Throws<ArgumentException>(() => Gm65Commands.Read(0x10000, 1));
        Assert.Throws<ArgumentException>(() => Gm65Commands.Read(0, 0));
        Assert.Throws<ArgumentException>(() => Gm65Commands.Write(0, []));
    }
}

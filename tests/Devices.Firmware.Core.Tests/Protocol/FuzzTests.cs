using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using CsCheck;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Security;
using Xunit.Abstractions;

namespace Devices.Firmware.Core.Tests.Protocol;

/// <summary>
/// Every decoder gets 1,000,000 inputs (seeded, so a failure reproduces): half random bytes of length 0-600
/// (mostly starting with the right version byte, so parsing goes deep), half mutations of valid encodings (bit
/// flips, truncations, extensions, overwritten bytes). None may throw, a failure must carry an error code and a
/// message, and whatever decodes must re-encode to exactly the bytes it was read from (one encoding per value).
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 1_000_000;

    /// <summary>Decodes data[offset..offset+count); returns null when refused, else the value re-encoded.</summary>
    private delegate byte[]? Decoder(byte[] data, int offset, int count);

    private static byte[]? Refused(DecodeResult r)
    {
        if (r.Ok) throw new InvalidOperationException("Refused() called on success");
        if (r.Error == DecodeError.None || string.IsNullOrEmpty(r.Message)) throw new InvalidOperationException("a failure without code or message");
        return null;
    }

    private static byte[]? Hello(byte[] d, int o, int n) { var r = HelloMessage.TryDecode(d, o, n, out var m); return r.Ok ? m.Encode() : Refused(r); }
    private static byte[]? Welcome(byte[] d, int o, int n) { var r = WelcomeMessage.TryDecode(d, o, n, out var m); return r.Ok ? m.Encode() : Refused(r); }
    private static byte[]? Scan(byte[] d, int o, int n) { var r = ScanMessage.TryDecode(d, o, n, out var m); return r.Ok ? m.Encode() : Refused(r); }
    private static byte[]? Ack(byte[] d, int o, int n) { var r = AckMessage.TryDecode(d, o, n, out var m); return r.Ok ? m.Encode() : Refused(r); }
    private static byte[]? State(byte[] d, int o, int n) { var r = StateMessage.TryDecode(d, o, n, out var m); return r.Ok ? m.Encode() : Refused(r); }
    private static byte[]? SelfTest(byte[] d, int o, int n) { var r = SelfTestReport.TryDecode(d, o, n, out var m); return r.Ok ? m.Encode() : Refused(r); }
    private static byte[]? Notify(byte[] d, int o, int n) { var r = NotifyMessage.TryDecode(d, o, n, out var m); return r.Ok ? m.Encode() : Refused(r); }
    private static byte[]? Label(byte[] d, int o, int n) { var r = LabelContentCodec.TryDecode(d, o, n, out var m); return r.Ok ? LabelContentCodec.Encode(m) : Refused(r); }
    private static byte[]? Tent(byte[] d, int o, int n) { var r = TentContentCodec.TryDecode(d, o, n, out var m); return r.Ok ? TentContentCodec.Encode(m) : Refused(r); }

    private static readonly byte[] ContentKey = new DeviceIdentity("tent-0042", new byte[32]).ContentKey;

    private static byte[]? Envelope(byte[] d, int o, int n)
    {
        var r = ContentEnvelope.TryDecode(d, o, n, out var m);
        if (!r.Ok) return Refused(r);
        // Re-encode by signing with the test key: equal bytes only when the tag was the genuine one.
        byte[] signed = ContentSigner.Sign("tent-0042", ContentKey, m.ContentVersion, m.Kind, m.Payload);
        byte[] got = d[o..(o + n)];
        if (!signed.AsSpan(0, m.SignedLength).SequenceEqual(got.AsSpan(0, m.SignedLength)) || got.Length != m.SignedLength + 16)
            throw new InvalidOperationException("envelope decoded to something that does not re-encode");
        return got;
    }

    private static byte[]? Verifier(byte[] d, int o, int n)
    {
        var v = new ContentVerifier("tent-0042", ContentKey, ContentKind.Tent, ContentVerifier.TentMaxPayloadBytes);
        AckResult a = v.Check(d, o, n, 5, out var m, out string detail);
        if (a != AckResult.Applied)
        {
            if (detail.Length == 0) throw new InvalidOperationException("a rejection without detail");
            return null;
        }
        return Envelope(d, o, n);
    }

    public static IEnumerable<object[]> Decoders() => new[]
    {
        new object[] { "Hello" }, new object[] { "Welcome" }, new object[] { "Scan" }, new object[] { "Ack" }, new object[] { "State" },
        new object[] { "SelfTest" }, new object[] { "Notify" }, new object[] { "Label" }, new object[] { "Tent" }, new object[] { "Envelope" },
        new object[] { "Verifier" },
    };

    private static (Decoder, List<byte[]>) Setup(string name)
    {
        var corpus = new List<byte[]>();
        void Add<T>(Gen<T> gen, Func<T, byte[]> encode) => gen.Sample(m => { var b = encode(m); lock (corpus) corpus.Add(b); }, iter: 64, threads: 1);
        Decoder decoder;
        switch (name)
        {
            case "Hello": decoder = Hello; Add(Generators.Hello, m => m.Encode()); break;
            case "Welcome": decoder = Welcome; Add(Generators.Welcome, m => m.Encode()); break;
            case "Scan": decoder = Scan; Add(Generators.Scan, m => m.Encode()); break;
            case "Ack": decoder = Ack; Add(Generators.Ack, m => m.Encode()); break;
            case "State": decoder = State; Add(Generators.State, m => m.Encode()); break;
            case "SelfTest": decoder = SelfTest; Add(Generators.SelfTest, m => m.Encode()); break;
            case "Notify": decoder = Notify; Add(Generators.Notify, m => m.Encode()); break;
            case "Label": decoder = Label; Add(Generators.Label, LabelContentCodec.Encode); break;
            case "Tent": decoder = Tent; Add(Generators.Tent, TentContentCodec.Encode); break;
            case "Envelope":
            case "Verifier":
                decoder = name == "Envelope" ? Envelope : Verifier;
                Add(Generators.Tent, t => ContentSigner.Sign("tent-0042", ContentKey, 6, ContentKind.Tent, TentContentCodec.Encode(t)));
                break;
            default: throw new ArgumentException(name);
        }
        return (decoder, corpus);
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void Decoder_survives_a_million_random_and_mutated_inputs(string name)
    {
        var (decoder, corpus) = Setup(name);
        // Valid encodings decode and re-encode to themselves (so the mutations start from real messages).
        foreach (var b in corpus) Assert.Equal(b, decoder(b, 0, b.Length));

        var watch = Stopwatch.StartNew();
        int[] accepted = new int[2];
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, part =>
        {
            var random = new Random(1000 * name.Length + part);
            var buffer = new byte[1400];
            for (int i = 0; i < Iterations / 2; i++)
            {
                int offset = random.Next(4);
                int count = Make(random, corpus, buffer, offset);
                byte[]? again;
                try
                {
                    again = decoder(buffer, offset, count);
                }
                catch (Exception e)
                {
                    throw new Exception(name + " threw on " + Convert.ToHexString(buffer, offset, count) + ": " + e);
                }
                if (again == null) continue;
                accepted[part]++;
                if (again.Length > count || !again.AsSpan().SequenceEqual(buffer.AsSpan(offset, again.Length)))
                {
                    throw new Exception(name + " accepted " + Convert.ToHexString(buffer, offset, count) + " but re-encodes it as " + Convert.ToHexString(again));
                }
            }
        });
        output.WriteLine(name + ": " + Iterations + " inputs in " + watch.ElapsedMilliseconds + " ms, " + (accepted[0] + accepted[1]) + " accepted");
    }

    /// <summary>Fills buffer[offset..] with one test input and returns its length.</summary>
    private static int Make(Random random, List<byte[]> corpus, byte[] buffer, int offset)
    {
        int kind = random.Next(10);
        if (kind < 5)
        {
            int n = random.Next(601);
            random.NextBytes(buffer.AsSpan(offset, n));
            if (n > 0 && kind < 4) buffer[offset] = 1; // the right version byte, so the decoder reads on
            if (n > 1 && kind < 2) buffer[offset + 1] = (byte)random.Next(8); // small first field: deeper still
            return n;
        }
        byte[] valid = corpus[random.Next(corpus.Count)];
        int len = valid.Length;
        Array.Copy(valid, 0, buffer, offset, len);
        switch (kind)
        {
            case 5: // flip 1 to 3 bits
                for (int k = random.Next(1, 4); k > 0 && len > 0; k--) buffer[offset + random.Next(len)] ^= (byte)(1 << random.Next(8));
                return len;
            case 6: // truncate
                return len == 0 ? 0 : random.Next(len);
            case 7: // extend with random bytes
                int extra = random.Next(1, 41);
                random.NextBytes(buffer.AsSpan(offset + len, extra));
                return len + extra;
            case 8: // overwrite a byte with a boundary value
                if (len > 0) buffer[offset + random.Next(len)] = (byte)(random.Next(4) switch { 0 => 0x00, 1 => 0x7F, 2 => 0x80, _ => 0xFF });
                return len;
            default: // overwrite a byte with anything
                if (len > 0) buffer[offset + random.Next(len)] = (byte)random.Next(256);
                return len;
        }
    }

    [Fact]
    public void Topic_parser_and_link_matcher_survive_random_strings()
    {
        var random = new Random(7);
        const string alphabet = "dev/cmd+#.a-z09hello{}scanACKé中\0 ";
        var chars = new char[80];
        for (int i = 0; i < 300_000; i++)
        {
            int n = random.Next(chars.Length);
            for (int k = 0; k < n; k++) chars[k] = random.Next(8) == 0 ? (char)random.Next(0x10000) : alphabet[random.Next(alphabet.Length)];
            string s = new string(chars, 0, n);
            if (Topics.TryParse(s, out var kind, out var id)) Assert.Equal(s, Topics.Build(kind, id));
            Devices.Firmware.Core.Rotation.LinkTemplate.TryMatch("https://m.example.com/t?d={device}&c={token}", s, out _, out _);
            Devices.Firmware.Core.Rotation.LinkTemplate.IsValid(s, out _);
            Devices.Firmware.Core.Rotation.LinkTemplate.TryMatch(s, s, out _, out _);
        }
    }
}

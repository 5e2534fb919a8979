using System;
using System.Security.Cryptography;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Security;

namespace Devices.Firmware.Core.Rotation
{
    /// <summary>
    /// A table tent's rotating code. counter = floor(unix time / period);
    /// H = HMAC-SHA256(code key, [id length][id][counter, 8 bytes big-endian]).
    /// Token (12 characters) = base64url alphabet[counter mod 64] + base64url(H[0..8]): the first character tells
    /// the verifier which counter was meant (so it can say how old a code is, even a stale one) and is covered by
    /// H; the 64-bit MAC makes forging hopeless within a period.
    /// Fallback code (6 digits) = RFC 4226 dynamic truncation of H: o = H[31] &amp; 15,
    /// ((H[o] &amp; 0x7F) &lt;&lt; 24 | H[o+1] &lt;&lt; 16 | H[o+2] &lt;&lt; 8 | H[o+3]) mod 1,000,000, zero-padded.
    /// </summary>
    public sealed class RotatingCode
    {
        public const int TokenLength = 12;
        public const int MacBytes = 8;
        public const int FallbackDigits = 6;

        private readonly string _deviceId;
        private readonly HMACSHA256 _hmac;
        private readonly byte[] _input;

        /// <summary>Throws ArgumentException for an invalid id, a missing key or a zero period.</summary>
        public RotatingCode(string deviceId, byte[] codeKey, uint periodSeconds)
        {
            Protocol.DeviceId.Check(deviceId);
            if (codeKey == null || codeKey.Length == 0) throw new ArgumentException("A code key is required.");
            if (periodSeconds == 0) throw new ArgumentException("The rotation period must be at least 1 second.");
            _deviceId = deviceId;
            _hmac = new HMACSHA256(codeKey);
            PeriodSeconds = periodSeconds;
            // Built once: the id part never changes, only the 8 counter bytes at the end.
            _input = new byte[1 + deviceId.Length + 8];
            _input[0] = (byte)deviceId.Length;
            for (int i = 0; i < deviceId.Length; i++) _input[1 + i] = (byte)deviceId[i];
        }

        public string DeviceId { get { return _deviceId; } }
        public uint PeriodSeconds { get; private set; }

        public uint CounterAt(uint unixTime)
        {
            return unixTime / PeriodSeconds;
        }

        /// <summary>The full 32-byte HMAC for a counter (token and fallback code are cut from it).</summary>
        public byte[] Mac(uint counter)
        {
            int p = _input.Length - 8;
            _input[p] = 0;
            _input[p + 1] = 0;
            _input[p + 2] = 0;
            _input[p + 3] = 0;
            _input[p + 4] = (byte)(counter >> 24);
            _input[p + 5] = (byte)(counter >> 16);
            _input[p + 6] = (byte)(counter >> 8);
            _input[p + 7] = (byte)counter;
            return _hmac.ComputeHash(_input);
        }

        public string Token(uint counter)
        {
            byte[] h = Mac(counter);
            return string.Concat(Base64Url.Alphabet[(int)(counter & 63)].ToString(), Base64Url.Encode(h, 0, MacBytes));
        }

        public string FallbackCode(uint counter)
        {
            return FallbackFromMac(Mac(counter));
        }

        /// <summary>The link to put in the QR code: the template with {device} and {token} filled in.</summary>
        public string Link(string template, uint counter)
        {
            return LinkTemplate.Fill(template, _deviceId, Token(counter));
        }

        internal static string FallbackFromMac(byte[] h)
        {
            int o = h[31] & 0x0F;
            int value = ((h[o] & 0x7F) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
            string digits = (value % 1000000).ToString();
            while (digits.Length < FallbackDigits) digits = string.Concat("0", digits);
            return digits;
        }
    }
}

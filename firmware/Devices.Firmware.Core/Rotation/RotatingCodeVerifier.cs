using System;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Security;

namespace Devices.Firmware.Core.Rotation
{
    /// <summary>
    /// Checks scanned links, tokens and fallback codes (gateway or backend side). The time given is the scan time
    /// (WeChat passes it) or now. By default the current and the previous period are accepted.
    /// </summary>
    public sealed class RotatingCodeVerifier
    {
        private readonly ICodeKeyLookup _keys;
        private int _maxAgePeriods = 1;
        private int _maxFuturePeriods;

        public RotatingCodeVerifier(ICodeKeyLookup keys)
        {
            if (keys == null) throw new ArgumentNullException("keys");
            _keys = keys;
        }

        /// <summary>Periods back still accepted: 0 = only the current one, 1 (default) = also the previous one. 0 to 48.</summary>
        public int MaxAgePeriods
        {
            get { return _maxAgePeriods; }
            set
            {
                if (value < 0 || value > 48) throw new ArgumentException("MaxAgePeriods must be 0 to 48.");
                _maxAgePeriods = value;
            }
        }

        /// <summary>Periods ahead accepted, for device clocks running fast. 0 (default) to 8.</summary>
        public int MaxFuturePeriods
        {
            get { return _maxFuturePeriods; }
            set
            {
                if (value < 0 || value > 8) throw new ArgumentException("MaxFuturePeriods must be 0 to 8.");
                _maxFuturePeriods = value;
            }
        }

        /// <summary>Takes the link apart with <paramref name="template"/> and checks its token. Never throws.</summary>
        public CodeCheck VerifyLink(string template, string link, uint unixTime)
        {
            string deviceId;
            string token;
            if (!LinkTemplate.TryMatch(template, link, out deviceId, out token) || deviceId.Length == 0 || token.Length == 0)
            {
                return Fail(CodeCheckOutcome.Malformed, deviceId, "the link does not have the template's shape");
            }
            return VerifyToken(deviceId, token, unixTime);
        }

        /// <summary>Checks a 12-character token of a device. Never throws.</summary>
        public CodeCheck VerifyToken(string deviceId, string token, uint unixTime)
        {
            if (!DeviceId.IsValid(deviceId)) return Fail(CodeCheckOutcome.Malformed, "", "the device id is invalid");
            if (token == null || token.Length != RotatingCode.TokenLength) return Fail(CodeCheckOutcome.Malformed, deviceId, "the token is not 12 characters");
            int hint = Base64Url.ValueOf(token[0]);
            for (int i = 0; i < token.Length; i++)
            {
                if (Base64Url.ValueOf(token[i]) < 0) return Fail(CodeCheckOutcome.Malformed, deviceId, "the token has a character outside base64url");
            }
            RotatingCode code;
            if (!TryCode(deviceId, out code)) return Fail(CodeCheckOutcome.UnknownDevice, deviceId, "the device is not known");

            // The hint names the counter modulo 64; take the one in the 64 periods up to the newest we might accept.
            long now = code.CounterAt(unixTime);
            long top = now + (_maxFuturePeriods > 1 ? _maxFuturePeriods : 1);
            long counter = top - ((top - hint) & 63);
            if (counter < 0 || counter > uint.MaxValue) return Fail(CodeCheckOutcome.Forged, deviceId, "the token matches no period");
            if (!ConstantTime.Equals(code.Token((uint)counter), token)) return Fail(CodeCheckOutcome.Forged, deviceId, "the token does not match");
            return Judge(code, (uint)counter, now, unixTime);
        }

        /// <summary>Checks a 6-digit fallback code typed by a customer, against the accepted periods only. Never throws.</summary>
        public CodeCheck VerifyFallbackCode(string deviceId, string code, uint unixTime)
        {
            if (!DeviceId.IsValid(deviceId)) return Fail(CodeCheckOutcome.Malformed, "", "the device id is invalid");
            if (code == null || code.Length != RotatingCode.FallbackDigits) return Fail(CodeCheckOutcome.Malformed, deviceId, "the code is not 6 digits");
            for (int i = 0; i < code.Length; i++)
            {
                if (code[i] < '0' || code[i] > '9') return Fail(CodeCheckOutcome.Malformed, deviceId, "the code is not 6 digits");
            }
            RotatingCode rc;
            if (!TryCode(deviceId, out rc)) return Fail(CodeCheckOutcome.UnknownDevice, deviceId, "the device is not known");
            long now = rc.CounterAt(unixTime);
            // Newest first, so an ambiguous match (one in a million) reports the youngest age.
            for (long c = now + _maxFuturePeriods; c >= now - _maxAgePeriods; c--)
            {
                if (c < 0 || c > uint.MaxValue) continue;
                if (ConstantTime.Equals(rc.FallbackCode((uint)c), code)) return Judge(rc, (uint)c, now, unixTime);
            }
            return Fail(CodeCheckOutcome.Forged, deviceId, "the code matches none of the accepted periods");
        }

        private CodeCheck Judge(RotatingCode code, uint counter, long now, uint unixTime)
        {
            int age = (int)(now - counter);
            long ageSeconds = (long)unixTime - (long)counter * code.PeriodSeconds;
            if (age > _maxAgePeriods)
            {
                return new CodeCheck(CodeCheckOutcome.TooOld, code.DeviceId, counter, age, ageSeconds,
                    string.Concat("genuine but ", age.ToString(), " periods old"));
            }
            if (-age > _maxFuturePeriods)
            {
                return new CodeCheck(CodeCheckOutcome.FromFuture, code.DeviceId, counter, age, ageSeconds,
                    string.Concat("genuine but ", (-age).ToString(), " periods ahead"));
            }
            return new CodeCheck(CodeCheckOutcome.Valid, code.DeviceId, counter, age, ageSeconds, "valid");
        }

        private bool TryCode(string deviceId, out RotatingCode code)
        {
            code = null!;
            byte[] key;
            uint period;
            if (!_keys.TryFind(deviceId, out key, out period) || key == null || key.Length == 0 || period == 0) return false;
            code = new RotatingCode(deviceId, key, period);
            return true;
        }

        private static CodeCheck Fail(CodeCheckOutcome outcome, string deviceId, string message)
        {
            return new CodeCheck(outcome, deviceId, 0, 0, 0, message);
        }
    }
}

namespace Devices.Firmware.Core.Protocol
{
    /// <summary>dev/{id}/selftest: the result of a factory or field self-test, one entry per check.</summary>
    public sealed class SelfTestReport : WireMessage
    {
        public const int FormatVersion = 1;
        public const int MaxChecks = 32;

        /// <summary>When the test ran (unix seconds); 0 = no clock.</summary>
        public uint UnixTime;
        public SelfTestCheck[] Checks = new SelfTestCheck[0];

        /// <summary>True when there is at least one check and every check passed.</summary>
        public bool AllPassed
        {
            get
            {
                if (Checks.Length == 0) return false;
                for (int i = 0; i < Checks.Length; i++)
                {
                    if (!Checks[i].Passed) return false;
                }
                return true;
            }
        }

        internal override string WireName { get { return "SelfTest"; } }

        public static DecodeResult TryDecode(byte[]? data, int offset, int count, out SelfTestReport report)
        {
            var r = new WireReader("SelfTest", data, offset, count);
            var m = new SelfTestReport();
            r.ReadVersion(FormatVersion);
            m.UnixTime = r.ReadUInt32("unix time");
            int n = r.ReadCount("check count", MaxChecks);
            // Each check takes at least 3 bytes, so a lying count fails on length before it costs memory.
            if (!r.Failed && n * 3 > r.Remaining) r.Fail(DecodeError.Truncated, "check count is more than the remaining bytes can hold");
            var checks = new SelfTestCheck[r.Failed ? 0 : n];
            for (int i = 0; i < checks.Length; i++)
            {
                var c = new SelfTestCheck();
                c.Name = r.ReadString("check name", SelfTestCheck.MaxNameBytes);
                c.Passed = r.ReadBool("check passed");
                c.Detail = r.ReadString("check detail", SelfTestCheck.MaxDetailBytes);
                checks[i] = c;
            }
            m.Checks = checks;
            report = r.Failed ? new SelfTestReport() : m;
            return r.Result;
        }

        internal override void Write(WireWriter w)
        {
            w.WriteByte(FormatVersion);
            w.WriteUInt32(UnixTime);
            SelfTestCheck[] checks = Checks == null ? new SelfTestCheck[0] : Checks;
            if (checks.Length > MaxChecks)
            {
                throw new System.ArgumentException(string.Concat("SelfTest has ", checks.Length.ToString(), " checks; the limit is ", MaxChecks.ToString()));
            }
            w.WriteUInt32((uint)checks.Length);
            for (int i = 0; i < checks.Length; i++)
            {
                w.WriteString("SelfTest check name", checks[i].Name, SelfTestCheck.MaxNameBytes);
                w.WriteBool(checks[i].Passed);
                w.WriteString("SelfTest check detail", checks[i].Detail, SelfTestCheck.MaxDetailBytes);
            }
        }
    }
}

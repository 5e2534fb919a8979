namespace Devices.Firmware.Core.Protocol
{
    /// <summary>One line of a self-test report, e.g. ("panel", true, "busy pin ok") or ("scanner", false, "no reply").</summary>
    public sealed class SelfTestCheck
    {
        public const int MaxNameBytes = 32;
        public const int MaxDetailBytes = 96;

        public SelfTestCheck()
        {
        }

        public SelfTestCheck(string name, bool passed, string detail)
        {
            Name = name;
            Passed = passed;
            Detail = detail;
        }

        public string Name = "";
        public bool Passed;
        public string Detail = "";
    }
}

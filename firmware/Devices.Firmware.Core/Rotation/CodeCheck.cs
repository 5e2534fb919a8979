namespace Devices.Firmware.Core.Rotation
{
    /// <summary>A verifier's answer: the outcome, which device, and how old the code was at the given time.</summary>
    public sealed class CodeCheck
    {
        public CodeCheck(CodeCheckOutcome outcome, string deviceId, uint counter, int agePeriods, long ageSeconds, string message)
        {
            Outcome = outcome;
            DeviceId = deviceId;
            Counter = counter;
            AgePeriods = agePeriods;
            AgeSeconds = ageSeconds;
            Message = message;
        }

        public CodeCheckOutcome Outcome { get; private set; }
        public bool Valid { get { return Outcome == CodeCheckOutcome.Valid; } }
        /// <summary>Empty when the link did not parse.</summary>
        public string DeviceId { get; private set; }
        /// <summary>The code's counter (meaningful for Valid, TooOld, FromFuture).</summary>
        public uint Counter { get; private set; }
        /// <summary>Current counter minus the code's: 0 = current period, 1 = previous, -1 = next.</summary>
        public int AgePeriods { get; private set; }
        /// <summary>Seconds since the code first appeared (negative: not yet).</summary>
        public long AgeSeconds { get; private set; }
        public string Message { get; private set; }
    }
}

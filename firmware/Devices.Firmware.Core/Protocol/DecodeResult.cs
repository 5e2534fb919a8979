namespace Devices.Firmware.Core.Protocol
{
    /// <summary>
    /// The outcome of decoding one payload: Ok, or an error code with one readable sentence. Decoders return this
    /// instead of throwing, whatever the bytes are.
    /// </summary>
    public sealed class DecodeResult
    {
        /// <summary>The shared success value (decoding allocates nothing when it succeeds).</summary>
        public static readonly DecodeResult Success = new DecodeResult(DecodeError.None, "ok");

        public DecodeResult(DecodeError error, string message)
        {
            Error = error;
            Message = message;
        }

        public DecodeError Error { get; private set; }
        public string Message { get; private set; }
        public bool Ok { get { return Error == DecodeError.None; } }

        /// <summary>The ack result a device reports for content that failed to decode this way.</summary>
        public AckResult ToAckResult()
        {
            switch (Error)
            {
                case DecodeError.None: return AckResult.Applied;
                case DecodeError.UnsupportedVersion: return AckResult.UnsupportedVersion;
                case DecodeError.TooLarge: return AckResult.TooLarge;
                default: return AckResult.Malformed;
            }
        }
    }
}

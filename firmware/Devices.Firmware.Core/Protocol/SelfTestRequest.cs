namespace Devices.Firmware.Core.Protocol
{
    /// <summary>cmd/{id}/selftest: the gateway asks the device to run its self-test now. One byte: the format version.</summary>
    public sealed class SelfTestRequest
    {
        public const int FormatVersion = 1;

        public byte[] Encode()
        {
            return new byte[] { FormatVersion };
        }

        /// <summary>Ok for the version byte (later versions may append fields, which this one ignores).</summary>
        public static DecodeResult TryDecode(byte[]? data, int offset, int count, out SelfTestRequest request)
        {
            var r = new WireReader("SelfTestRequest", data, offset, count);
            r.ReadVersion(FormatVersion);
            request = new SelfTestRequest();
            return r.Result;
        }
    }
}

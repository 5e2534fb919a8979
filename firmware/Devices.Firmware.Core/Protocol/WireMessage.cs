namespace Devices.Firmware.Core.Protocol
{
    /// <summary>
    /// What every message encodes the same way: measure, write into a caller's buffer (no allocation on the
    /// device), or into a new array. Each message writes its own fields and has its own TryDecode.
    /// </summary>
    public abstract class WireMessage
    {
        /// <summary>The message's name in error messages ("Scan", "Hello", ...).</summary>
        internal abstract string WireName { get; }

        /// <summary>Writes the fields in wire order; throws ArgumentException for a value the decoder would refuse.</summary>
        internal abstract void Write(WireWriter w);

        public int EncodedLength()
        {
            var w = new WireWriter();
            Write(w);
            return w.Position;
        }

        /// <summary>Writes at <paramref name="offset"/> and returns the length. Throws if the buffer is too small or a field is over its limit.</summary>
        public int Encode(byte[] buffer, int offset)
        {
            int n = EncodedLength();
            WireWriter.CheckRoom(WireName, buffer, offset, n);
            Write(new WireWriter(buffer, offset));
            return n;
        }

        public byte[] Encode()
        {
            var bytes = new byte[EncodedLength()];
            Write(new WireWriter(bytes, 0));
            return bytes;
        }
    }
}

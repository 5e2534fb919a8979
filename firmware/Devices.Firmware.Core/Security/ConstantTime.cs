namespace Devices.Firmware.Core.Security
{
    /// <summary>Comparisons whose time does not depend on where the inputs first differ (no tag guessing by timing).</summary>
    public static class ConstantTime
    {
        public static bool Equals(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            int diff = 0;
            for (int i = 0; i < count; i++) diff |= a[aOffset + i] ^ b[bOffset + i];
            return diff == 0;
        }

        /// <summary>For tokens and codes; the length is not secret.</summary>
        public static bool Equals(string a, string b)
        {
            if (a.Length != b.Length) return false;
            int diff = 0;
            for (int i = 0; i < a.Length; i++) diff |= a[i] ^ b[i];
            return diff == 0;
        }
    }
}

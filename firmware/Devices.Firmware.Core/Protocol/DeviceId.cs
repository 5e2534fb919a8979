using System;

namespace Devices.Firmware.Core.Protocol
{
    /// <summary>
    /// Device ids: 1 to 32 characters of a-z, 0-9 and '-'. That keeps them safe as an MQTT topic level on every
    /// broker (no '/', '+', '#', and no '.' which RabbitMQ maps to '/'), in file names and in links.
    /// </summary>
    public static class DeviceId
    {
        public const int MaxLength = 32;

        public static bool IsValid(string? id)
        {
            if (id == null || id.Length == 0 || id.Length > MaxLength) return false;
            for (int i = 0; i < id.Length; i++)
            {
                if (!IsIdChar(id[i])) return false;
            }
            return true;
        }

        /// <summary>Throws an ArgumentException that says what is wrong with <paramref name="id"/>.</summary>
        public static void Check(string? id)
        {
            if (IsValid(id)) return;
            throw new ArgumentException(string.Concat("Device id '", id == null ? "(null)" : id,
                "' is invalid: use 1 to 32 characters of a-z, 0-9 and '-'."));
        }

        internal static bool IsIdChar(char c)
        {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        }
    }
}

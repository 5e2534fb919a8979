using System;
using System.Security.Cryptography;
using Devices.Firmware.Core.Protocol;

namespace Devices.Firmware.Core.Security
{
    /// <summary>
    /// A device's id and its 32-byte secret (written to flash at provisioning, known to the gateway), and the keys
    /// derived from it: K(label) = HMAC-SHA256(secret, UTF-8 label). One key per use, so a leaked MQTT password
    /// says nothing about the content or code keys.
    /// </summary>
    public sealed class DeviceIdentity
    {
        public const int SecretBytes = 32;
        public const string MqttPasswordLabel = "mqtt-password";
        public const string ContentKeyLabel = "content";
        public const string CodeKeyLabel = "code";

        /// <summary>Throws ArgumentException for an invalid id or a secret that is not 32 bytes.</summary>
        public DeviceIdentity(string deviceId, byte[] secret)
        {
            DeviceId.Check(deviceId);
            if (secret == null || secret.Length != SecretBytes)
            {
                throw new ArgumentException("The device secret must be exactly 32 bytes.");
            }
            Id = deviceId;
            ContentKey = DeriveKey(secret, ContentKeyLabel);
            CodeKey = DeriveKey(secret, CodeKeyLabel);
            MqttPassword = Base64Url.Encode(DeriveKey(secret, MqttPasswordLabel), 0, 24);
        }

        public string Id { get; private set; }
        /// <summary>32 bytes; signs content envelopes.</summary>
        public byte[] ContentKey { get; private set; }
        /// <summary>32 bytes; makes the rotating codes.</summary>
        public byte[] CodeKey { get; private set; }
        /// <summary>32 printable characters: base64url of the first 24 bytes of K("mqtt-password"). The MQTT user name is the device id.</summary>
        public string MqttPassword { get; private set; }

        public static byte[] DeriveKey(byte[] secret, string label)
        {
            return new HMACSHA256(secret).ComputeHash(System.Text.Encoding.UTF8.GetBytes(label));
        }
    }
}

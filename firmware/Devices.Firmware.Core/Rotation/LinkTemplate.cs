using System.Text;
using Devices.Firmware.Core.Protocol;

namespace Devices.Firmware.Core.Rotation
{
    /// <summary>
    /// A link with placeholders, e.g. "https://m.example.com/t?d={device}&amp;c={token}". {device} becomes the device
    /// id, {token} the 12-character rotating token; each may appear once. Rules, so that a scanned link can be
    /// taken apart again: printable ASCII without spaces, at most 128 characters, no other braces, and the
    /// character after {device} (if any) is not one of a-z 0-9 - or a placeholder.
    /// </summary>
    public static class LinkTemplate
    {
        public const string DevicePlaceholder = "{device}";
        public const string TokenPlaceholder = "{token}";
        public const int MaxTemplateBytes = 128;

        public static bool IsValid(string? template, out string problem)
        {
            problem = "";
            if (template == null || template.Length == 0) { problem = "the link template is empty"; return false; }
            if (template.Length > MaxTemplateBytes) { problem = "the link template is longer than 128 characters"; return false; }
            bool sawDevice = false;
            bool sawToken = false;
            int i = 0;
            while (i < template.Length)
            {
                char c = template[i];
                if (c <= ' ' || c > '~') { problem = "the link template may hold only printable ASCII without spaces"; return false; }
                if (c == '}') { problem = "the link template has a '}' outside a placeholder"; return false; }
                if (c != '{') { i++; continue; }
                if (At(template, i, DevicePlaceholder))
                {
                    if (sawDevice) { problem = "{device} appears twice"; return false; }
                    sawDevice = true;
                    i += DevicePlaceholder.Length;
                    if (i < template.Length && (DeviceId.IsIdChar(template[i]) || template[i] == '{'))
                    {
                        problem = "{device} must be followed by a character other than a-z, 0-9, '-' or a placeholder";
                        return false;
                    }
                }
                else if (At(template, i, TokenPlaceholder))
                {
                    if (sawToken) { problem = "{token} appears twice"; return false; }
                    sawToken = true;
                    i += TokenPlaceholder.Length;
                }
                else
                {
                    problem = "the link template has an unknown placeholder (use {device} and {token})";
                    return false;
                }
            }
            return true;
        }

        /// <summary>The link for a device and token. The template is assumed valid (content decoding checked it).</summary>
        public static string Fill(string template, string deviceId, string token)
        {
            var sb = new StringBuilder(template.Length + 48);
            int i = 0;
            while (i < template.Length)
            {
                if (At(template, i, DevicePlaceholder)) { sb.Append(deviceId); i += DevicePlaceholder.Length; }
                else if (At(template, i, TokenPlaceholder)) { sb.Append(token); i += TokenPlaceholder.Length; }
                else { sb.Append(template[i]); i++; }
            }
            return sb.ToString();
        }

        /// <summary>
        /// Takes a scanned link apart: true when it has the template's shape; then the device id and token (each
        /// empty if the template lacks that placeholder). Never throws.
        /// </summary>
        public static bool TryMatch(string? template, string? link, out string deviceId, out string token)
        {
            deviceId = "";
            token = "";
            string problem;
            if (link == null || !IsValid(template, out problem)) return false;
            string t = template!;
            int i = 0;
            int p = 0;
            while (i < t.Length)
            {
                if (At(t, i, DevicePlaceholder))
                {
                    int start = p;
                    while (p < link.Length && p - start < DeviceId.MaxLength && DeviceId.IsIdChar(link[p])) p++;
                    deviceId = link.Substring(start, p - start);
                    if (!DeviceId.IsValid(deviceId)) return false;
                    i += DevicePlaceholder.Length;
                }
                else if (At(t, i, TokenPlaceholder))
                {
                    if (link.Length - p < RotatingCode.TokenLength) return false;
                    for (int k = 0; k < RotatingCode.TokenLength; k++)
                    {
                        if (Security.Base64Url.ValueOf(link[p + k]) < 0) return false;
                    }
                    token = link.Substring(p, RotatingCode.TokenLength);
                    p += RotatingCode.TokenLength;
                    i += TokenPlaceholder.Length;
                }
                else
                {
                    if (p >= link.Length || link[p] != t[i]) return false;
                    p++;
                    i++;
                }
            }
            return p == link.Length;
        }

        private static bool At(string s, int index, string part)
        {
            if (s.Length - index < part.Length) return false;
            for (int k = 0; k < part.Length; k++)
            {
                if (s[index + k] != part[k]) return false;
            }
            return true;
        }
    }
}

using System;
using System.Collections;
using System.Text;

namespace Devices.Firmware.Core.Config
{
    /// <summary>
    /// The flat text files provisioning writes to I:\ (device.conf, board.conf): UTF-8 lines of key=value, '#'
    /// starts a comment line, blank lines ignored, keys unique. A format a 100 KB heap parses without a JSON library.
    /// </summary>
    public sealed class ConfigFile
    {
        public const int MaxBytes = 4096;

        private readonly Hashtable _values = new Hashtable();
        private readonly string _name;

        private ConfigFile(string name)
        {
            _name = name;
        }

        /// <summary>Parses the file; an ArgumentException names the file and the line that is wrong.</summary>
        public static ConfigFile Parse(string name, byte[]? bytes)
        {
            if (bytes == null) throw new ArgumentException(string.Concat(name, " is missing: provision the device (devices provision) and deploy its files."));
            if (bytes.Length > MaxBytes) throw new ArgumentException(string.Concat(name, " is larger than ", MaxBytes.ToString(), " bytes."));
            var file = new ConfigFile(name);
            string text = new string(Encoding.UTF8.GetChars(bytes));
            int lineNumber = 0;
            int start = 0;
            while (start <= text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0) end = text.Length;
                lineNumber++;
                string line = text.Substring(start, end - start).Trim();
                start = end + 1;
                if (line.Length == 0 || line[0] == '#') continue;
                int eq = line.IndexOf('=');
                if (eq <= 0) throw new ArgumentException(string.Concat(name, " line ", lineNumber.ToString(), ": expected key=value."));
                string key = line.Substring(0, eq).Trim();
                string value = line.Substring(eq + 1).Trim();
                if (file._values.Contains(key)) throw new ArgumentException(string.Concat(name, " line ", lineNumber.ToString(), ": key '", key + "' appears twice."));
                file._values.Add(key, value);
            }
            return file;
        }

        public bool Has(string key)
        {
            return _values.Contains(key);
        }

        /// <summary>The value; throws an ArgumentException naming the file and key when it is missing.</summary>
        public string Text(string key)
        {
            object? v = _values[key];
            if (v == null) throw new ArgumentException(string.Concat(_name, ": '", key, "' is missing."));
            return (string)v;
        }

        public string Text(string key, string fallback)
        {
            object? v = _values[key];
            return v == null ? fallback : (string)v;
        }

        public int Number(string key)
        {
            return ParseInt(key, Text(key));
        }

        public int Number(string key, int fallback)
        {
            return Has(key) ? Number(key) : fallback;
        }

        public bool Flag(string key)
        {
            string v = Text(key);
            if (v == "true") return true;
            if (v == "false") return false;
            throw new ArgumentException(string.Concat(_name, ": '", key, "' must be true or false."));
        }

        /// <summary>Lower-case hex of exactly byteCount bytes.</summary>
        public byte[] Hex(string key, int byteCount)
        {
            string v = Text(key);
            if (v.Length != byteCount * 2) throw new ArgumentException(string.Concat(_name, ": '", key, "' must be ", (byteCount * 2).ToString(), " hex digits."));
            var bytes = new byte[byteCount];
            for (int i = 0; i < byteCount; i++)
            {
                int hi = HexDigit(v[2 * i]);
                int lo = HexDigit(v[2 * i + 1]);
                if (hi < 0 || lo < 0) throw new ArgumentException(string.Concat(_name, ": '", key, "' has a character that is not a hex digit."));
                bytes[i] = (byte)((hi << 4) | lo);
            }
            return bytes;
        }

        private int ParseInt(string key, string v)
        {
            if (v.Length == 0 || v.Length > 9) throw new ArgumentException(string.Concat(_name, ": '", key, "' must be a whole number."));
            int n = 0;
            bool negative = v[0] == '-';
            for (int i = negative ? 1 : 0; i < v.Length; i++)
            {
                char c = v[i];
                if (c < '0' || c > '9') throw new ArgumentException(string.Concat(_name, ": '", key, "' must be a whole number."));
                n = n * 10 + (c - '0');
            }
            if (negative && v.Length == 1) throw new ArgumentException(string.Concat(_name, ": '", key, "' must be a whole number."));
            return negative ? -n : n;
        }

        private static int HexDigit(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            return -1;
        }
    }
}

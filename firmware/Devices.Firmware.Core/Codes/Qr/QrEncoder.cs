using System;

namespace Devices.Firmware.Core.Codes
{
    /// <summary>
    /// QR Code Model 2 encoder (ISO/IEC 18004), versions 1-40, levels L/M/Q/H, numeric, alphanumeric and byte
    /// (UTF-8) data. An encoder owns its working memory (<see cref="WorkingMemoryBytes"/>), allocated once; with a
    /// reused <see cref="QrCode"/> an encode allocates nothing. Not thread-safe: one encoder per thread.
    /// </summary>
    public sealed class QrEncoder
    {
        /// <summary>Pass as mask to let the standard's penalty rules choose it.</summary>
        public const int AutoMask = -1;

        /// <summary>Per-encoder scratch, in bytes: the codeword buffer (later the function-module map, 3917),
        /// the Reed-Solomon generator (30 + 30) and the alignment positions (7). The output QrCode's 3917-byte
        /// matrix and the shared 768-byte GF(256) tables come on top.</summary>
        public const int WorkingMemoryBytes = QrCodewords.Capacity + 2 * ReedSolomon.MaxDegree + 7;

        private readonly QrCodewords _codewords = new QrCodewords();
        private readonly QrBitWriter _bits = new QrBitWriter();
        private readonly ReedSolomon _reedSolomon = new ReedSolomon();
        private readonly byte[] _generatorScratch = new byte[ReedSolomon.MaxDegree];
        private readonly QrLayout _layout = new QrLayout();

        public QrEncoder()
        {
            LastError = "";
        }

        /// <summary>Why the last encode returned <see cref="QrStatus.DataTooLong"/> ("" after success).</summary>
        public string LastError { get; private set; }

        /// <summary>Encodes data[offset..offset+count) as one byte-mode segment.</summary>
        /// <param name="minVersion">1 to 40: the smallest version to use.</param>
        /// <param name="mask">0 to 7, or <see cref="AutoMask"/>.</param>
        public QrStatus Encode(byte[] data, int offset, int count, QrEcc ecc, int minVersion, int mask, QrCode output)
        {
            if (data == null) throw new ArgumentNullException("data");
            if (offset < 0 || count < 0 || offset > data.Length - count)
                throw new ArgumentOutOfRangeException("count", "offset and count must lie within data.");
            CheckOptions(ecc, minVersion, mask, output);
            int version = FitVersion(QrMode.Byte, count, ecc, minVersion);
            if (version == 0) return TooLong(QrMode.Byte, count, ecc);
            BeginData(version, ecc, QrMode.Byte, count);
            for (int i = 0; i < count; i++) _bits.AppendByte(data[offset + i]);
            Finish(version, ecc, mask, output);
            return QrStatus.Ok;
        }

        /// <summary>Encodes text in the most compact single mode that covers it: numeric, alphanumeric, or
        /// byte mode with the text in UTF-8 (no ECI header; readers take UTF-8 by default or by detection).</summary>
        public QrStatus EncodeText(string text, QrEcc ecc, int minVersion, int mask, QrCode output)
        {
            if (text == null) throw new ArgumentNullException("text");
            CheckOptions(ecc, minVersion, mask, output);
            QrMode mode = QrModes.ModeFor(text);
            int count = mode == QrMode.Byte ? QrModes.Utf8Length(text) : text.Length;
            int version = FitVersion(mode, count, ecc, minVersion);
            if (version == 0) return TooLong(mode, count, ecc);
            BeginData(version, ecc, mode, count);
            if (mode == QrMode.Numeric) AppendNumeric(text);
            else if (mode == QrMode.Alphanumeric) AppendAlphanumeric(text);
            else AppendUtf8(text);
            Finish(version, ecc, mask, output);
            return QrStatus.Ok;
        }

        /// <summary>Allocating convenience: a new symbol for text at the smallest version, mask chosen by penalty.</summary>
        /// <exception cref="QrDataTooLongException">The text does not fit version 40 at this level.</exception>
        public static QrCode EncodeText(string text, QrEcc ecc)
        {
            var encoder = new QrEncoder();
            var code = new QrCode();
            if (encoder.EncodeText(text, ecc, 1, AutoMask, code) != QrStatus.Ok) throw new QrDataTooLongException(encoder.LastError);
            return code;
        }

        /// <summary>Allocating convenience for raw bytes (byte mode).</summary>
        /// <exception cref="QrDataTooLongException">The data does not fit version 40 at this level.</exception>
        public static QrCode EncodeBytes(byte[] data, QrEcc ecc)
        {
            var encoder = new QrEncoder();
            var code = new QrCode();
            if (data == null) throw new ArgumentNullException("data");
            if (encoder.Encode(data, 0, data.Length, ecc, 1, AutoMask, code) != QrStatus.Ok) throw new QrDataTooLongException(encoder.LastError);
            return code;
        }

        /// <summary>The version <see cref="Encode"/> would choose for byteCount bytes; 0 when they do not fit.</summary>
        public static int SmallestVersion(int byteCount, QrEcc ecc, int minVersion)
        {
            CheckLevel(ecc);
            CheckMinVersion(minVersion);
            return FitVersion(QrMode.Byte, byteCount, ecc, minVersion);
        }

        /// <summary>The version <see cref="EncodeText(string, QrEcc, int, int, QrCode)"/> would choose; 0 when
        /// the text does not fit.</summary>
        public static int SmallestVersionForText(string text, QrEcc ecc, int minVersion)
        {
            if (text == null) throw new ArgumentNullException("text");
            CheckLevel(ecc);
            CheckMinVersion(minVersion);
            QrMode mode = QrModes.ModeFor(text);
            return FitVersion(mode, mode == QrMode.Byte ? QrModes.Utf8Length(text) : text.Length, ecc, minVersion);
        }

        /// <summary>How many bytes a byte-mode symbol of this version and level holds.</summary>
        public static int ByteCapacity(int version, QrEcc ecc)
        {
            CheckLevel(ecc);
            CheckMinVersion(version);
            return Capacity(QrMode.Byte, version, ecc);
        }

        private static int FitVersion(QrMode mode, int count, QrEcc ecc, int minVersion)
        {
            for (int version = minVersion; version <= QrTables.MaxVersion; version++)
            {
                if (count <= Capacity(mode, version, ecc)) return version;
            }
            return 0;
        }

        /// <summary>The most characters of this mode that fit: header, count field and data within the data codewords.</summary>
        private static int Capacity(QrMode mode, int version, QrEcc ecc)
        {
            int countBits = QrModes.CountBits(mode, version);
            int available = QrTables.DataCodewords(version, ecc) * 8 - 4 - countBits;
            int n;
            if (mode == QrMode.Numeric) n = available / 10 * 3 + (available % 10 >= 7 ? 2 : available % 10 >= 4 ? 1 : 0);
            else if (mode == QrMode.Alphanumeric) n = available / 11 * 2 + (available % 11 >= 6 ? 1 : 0);
            else n = available / 8;
            int limit = (1 << countBits) - 1;
            return n < limit ? n : limit;
        }

        private QrStatus TooLong(QrMode mode, int count, QrEcc ecc)
        {
            string unit = mode == QrMode.Byte ? " bytes" : " characters";
            LastError = string.Concat(new string[]
            {
                "Data too long for a QR code: ", count.ToString(), unit, " in ", QrModes.Name(mode),
                " mode, but version 40 at level ", LevelName(ecc), " holds at most ",
                Capacity(mode, QrTables.MaxVersion, ecc).ToString(), unit, ".",
            });
            return QrStatus.DataTooLong;
        }

        private void BeginData(int version, QrEcc ecc, QrMode mode, int count)
        {
            LastError = "";
            _codewords.Begin(version, ecc);
            _bits.Begin(_codewords.Buffer, _codewords.DataLength);
            _bits.Append((int)mode, 4);
            _bits.Append(count, QrModes.CountBits(mode, version));
        }

        private void AppendNumeric(string text)
        {
            int i = 0;
            for (; i + 3 <= text.Length; i += 3)
                _bits.Append((text[i] - '0') * 100 + (text[i + 1] - '0') * 10 + (text[i + 2] - '0'), 10);
            int rest = text.Length - i;
            if (rest == 2) _bits.Append((text[i] - '0') * 10 + (text[i + 1] - '0'), 7);
            else if (rest == 1) _bits.Append(text[i] - '0', 4);
        }

        private void AppendAlphanumeric(string text)
        {
            int i = 0;
            for (; i + 2 <= text.Length; i += 2)
                _bits.Append(QrModes.AlphanumericValue(text[i]) * 45 + QrModes.AlphanumericValue(text[i + 1]), 11);
            if (i < text.Length) _bits.Append(QrModes.AlphanumericValue(text[i]), 6);
        }

        /// <summary>UTF-8 straight into the bit stream, so text needs no byte array of its own.</summary>
        private void AppendUtf8(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                int c = text[i];
                if (c < 0x80)
                {
                    _bits.AppendByte(c);
                    continue;
                }
                if (c < 0x800)
                {
                    _bits.AppendByte(0xC0 | c >> 6);
                    _bits.AppendByte(0x80 | (c & 0x3F));
                    continue;
                }
                if (QrModes.IsSurrogatePair(text, i))
                {
                    c = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                    i++;
                    _bits.AppendByte(0xF0 | c >> 18);
                    _bits.AppendByte(0x80 | ((c >> 12) & 0x3F));
                }
                else
                {
                    if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD; // unpaired surrogate
                    _bits.AppendByte(0xE0 | c >> 12);
                }
                _bits.AppendByte(0x80 | ((c >> 6) & 0x3F));
                _bits.AppendByte(0x80 | (c & 0x3F));
            }
        }

        /// <summary>Terminator and padding, error correction, drawing and masking.</summary>
        private void Finish(int version, QrEcc ecc, int mask, QrCode output)
        {
            int capacityBits = _codewords.DataLength * 8;
            int terminator = capacityBits - _bits.Length;
            _bits.Append(0, terminator < 4 ? terminator : 4);
            _bits.Append(0, (8 - (_bits.Length & 7)) & 7);
            for (int pad = 0xEC; _bits.Length < capacityBits; pad ^= 0xEC ^ 0x11) _bits.AppendByte(pad);
            _codewords.AddErrorCorrection(_reedSolomon, _generatorScratch);

            output.Reset(version, ecc);
            _layout.Begin(version);
            _layout.MarkFunctionModules(output.Modules); // tells placement which modules to skip
            _layout.PlaceCodewords(output, _codewords);

            // The codewords are placed, so their buffer is free to hold the function-module map. Clearing the
            // function modules (set above for placement) leaves the data alone before the patterns are drawn.
            byte[] functionMap = _codewords.Buffer;
            _layout.MarkFunctionModules(functionMap);
            byte[] modules = output.Modules;
            int bytes = (output.Size * output.Size + 7) >> 3;
            for (int i = 0; i < bytes; i++) modules[i] &= (byte)~functionMap[i];
            _layout.DrawFunctionPatterns(output);
            if (mask == AutoMask) mask = BestMask(ecc, output, functionMap);
            _layout.DrawFormat(output, ecc, mask);
            QrMask.Apply(output, functionMap, mask);
            output.Mask = mask;
        }

        /// <summary>Tries all eight masks and returns the one with the lowest penalty (the lowest number on a tie),
        /// leaving the symbol unmasked.</summary>
        private int BestMask(QrEcc ecc, QrCode code, byte[] functionMap)
        {
            int best = 0;
            int bestPenalty = int.MaxValue;
            for (int m = 0; m < 8; m++)
            {
                _layout.DrawFormat(code, ecc, m);
                QrMask.Switch(code, functionMap, m - 1, m);
                int penalty = QrMask.Penalty(code);
                if (penalty < bestPenalty)
                {
                    best = m;
                    bestPenalty = penalty;
                }
            }
            QrMask.Apply(code, functionMap, 7); // undo the last trial
            return best;
        }

        private static void CheckOptions(QrEcc ecc, int minVersion, int mask, QrCode output)
        {
            CheckLevel(ecc);
            CheckMinVersion(minVersion);
            if (mask < AutoMask || mask > 7)
                throw new ArgumentOutOfRangeException("mask", string.Concat("QR mask must be 0 to 7, or -1 for automatic; got ", mask.ToString(), "."));
            if (output == null) throw new ArgumentNullException("output");
        }

        private static void CheckLevel(QrEcc ecc)
        {
            if ((int)ecc < 0 || (int)ecc > 3)
                throw new ArgumentOutOfRangeException("ecc", string.Concat("QR error correction level must be Low, Medium, Quartile or High; got ", ((int)ecc).ToString(), "."));
        }

        private static void CheckMinVersion(int version)
        {
            if (version < QrTables.MinVersion || version > QrTables.MaxVersion)
                throw new ArgumentOutOfRangeException("minVersion", string.Concat("QR version must be 1 to 40; got ", version.ToString(), "."));
        }

        private static string LevelName(QrEcc ecc)
        {
            switch (ecc)
            {
                case QrEcc.Low: return "L";
                case QrEcc.Medium: return "M";
                case QrEcc.Quartile: return "Q";
                default: return "H";
            }
        }
    }
}

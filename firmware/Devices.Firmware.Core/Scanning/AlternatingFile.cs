using System;
using Devices.Firmware.Core.Hal;

namespace Devices.Firmware.Core.Scanning
{
    /// <summary>
    /// A small value that must survive any power cut: kept in two files (name.a, name.b) that are written in turn,
    /// each with a generation number and a CRC-32. A write goes to the file that does not hold the newest value,
    /// so a torn write leaves the previous value readable even where the storage's atomic replace is not.
    /// Slot layout: generation (u32 BE), payload, CRC-32 (u32 BE) over generation and payload.
    /// </summary>
    public sealed class AlternatingFile
    {
        private readonly IStorage _storage;
        private readonly string _nameA;
        private readonly string _nameB;
        private byte[]? _payload;
        private uint _generation; // of _payload; 0 when nothing valid is stored
        private bool _newestIsA;

        public AlternatingFile(IStorage storage, string name)
        {
            if (storage == null) throw new ArgumentNullException("storage");
            if (name == null || name.Length == 0) throw new ArgumentException("a file name is required", "name");
            _storage = storage;
            _nameA = name + ".a";
            _nameB = name + ".b";
            Load();
        }

        /// <summary>The newest intact value, or null when none was ever written (or both copies are damaged).</summary>
        public byte[]? Value { get { return _payload; } }

        /// <summary>Stores a new value; when this returns, the value is durable.</summary>
        public void Write(byte[] payload)
        {
            if (payload == null) throw new ArgumentNullException("payload");
            uint generation = _generation + 1;
            var slot = new byte[payload.Length + 8];
            BigEndian.WriteUInt32(slot, 0, generation);
            Array.Copy(payload, 0, slot, 4, payload.Length);
            BigEndian.WriteUInt32(slot, slot.Length - 4, Crc32.Compute(slot, 0, slot.Length - 4));
            bool writeA = _generation == 0 || !_newestIsA;
            _storage.Write(writeA ? _nameA : _nameB, slot, 0, slot.Length);
            _payload = (byte[])payload.Clone();
            _generation = generation;
            _newestIsA = writeA;
        }

        private void Load()
        {
            uint generationA;
            uint generationB;
            byte[]? a = ReadSlot(_nameA, out generationA);
            byte[]? b = ReadSlot(_nameB, out generationB);
            if (a != null && (b == null || generationA > generationB))
            {
                _payload = a;
                _generation = generationA;
                _newestIsA = true;
            }
            else if (b != null)
            {
                _payload = b;
                _generation = generationB;
                _newestIsA = false;
            }
        }

        private byte[]? ReadSlot(string name, out uint generation)
        {
            generation = 0;
            byte[]? slot = _storage.Read(name);
            if (slot == null || slot.Length < 8) return null;
            if (Crc32.Compute(slot, 0, slot.Length - 4) != BigEndian.ReadUInt32(slot, slot.Length - 4)) return null;
            generation = BigEndian.ReadUInt32(slot, 0);
            var payload = new byte[slot.Length - 8];
            Array.Copy(slot, 4, payload, 0, payload.Length);
            return payload;
        }
    }
}

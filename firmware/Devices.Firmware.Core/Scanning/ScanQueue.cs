using System;
using Devices.Firmware.Core.Hal;

namespace Devices.Firmware.Core.Scanning
{
    /// <summary>
    /// Scans waiting for the broker's acknowledgement, kept in flash so that neither a lost connection nor a
    /// reboot loses them. Each entry is one file, "scanq." + the sequence number in 8 hex digits (the order of
    /// the queue is the order of the numbers; no index file to keep consistent). An entry is deleted only when
    /// the PUBACK for its message id arrives. When the queue is full the oldest entry is dropped and counted; the
    /// count and the last dropped number live in an AlternatingFile ("scanqdrop"), written before the entry's
    /// file is deleted, so a power cut between the two neither loses nor double-counts a drop.
    /// Delivery is at least once: a power cut after the PUBACK but before the delete sends the scan again, and
    /// the gateway dedups by (device, sequence).
    /// </summary>
    public sealed class ScanQueue
    {
        public const int DefaultCapacity = 500;
        public const string EntryPrefix = "scanq.";
        public const string DropFileName = "scanqdrop";
        private const int NotSent = -1;

        private readonly IStorage _storage;
        private readonly AlternatingFile _dropFile;
        private readonly int _capacity;
        private readonly uint[] _sequences; // ascending; the first _count are in the queue
        private readonly int[] _messageIds; // per entry: message id of its publish on this connection, or NotSent
        private readonly byte[] _encodeBuffer = new byte[ScanRecordFile.MaxLength];
        private int _count;
        private uint _dropped;
        private uint _lastDropped; // sequence of the newest dropped entry (valid when _dropped > 0)
        private int _discarded;

        /// <summary>Queue of at most 500 scans.</summary>
        public ScanQueue(IStorage storage) : this(storage, DefaultCapacity) { }

        /// <summary>Opens the queue stored in storage, finishing whatever a power cut interrupted.</summary>
        public ScanQueue(IStorage storage, int capacity)
        {
            if (storage == null) throw new ArgumentNullException("storage");
            if (capacity < 1) throw new ArgumentOutOfRangeException("capacity", "the scan queue must hold at least one scan");
            _storage = storage;
            _capacity = capacity;
            _dropFile = new AlternatingFile(storage, DropFileName);
            byte[]? dropState = _dropFile.Value;
            if (dropState != null && dropState.Length == 8)
            {
                _dropped = BigEndian.ReadUInt32(dropState, 0);
                _lastDropped = BigEndian.ReadUInt32(dropState, 4);
            }

            uint[] found = FindEntries(storage);
            _sequences = new uint[Math.Max(capacity + 1, found.Length)];
            _messageIds = new int[_sequences.Length];
            for (int i = 0; i < found.Length; i++)
            {
                if (_dropped > 0 && found[i] <= _lastDropped) storage.Delete(EntryName(found[i])); // dropped, delete was cut
                else Append(found[i]);
            }
            // Only the newest entry can be torn: entries are written one at a time, in order.
            if (_count > 0 && Load(_count - 1) == null) RemoveAt(_count - 1, true);
            while (_count > _capacity) DropOldest();
        }

        /// <summary>Scans in the queue, sent or not.</summary>
        public int Count { get { return _count; } }

        /// <summary>Most scans the queue keeps.</summary>
        public int Capacity { get { return _capacity; } }

        /// <summary>Scans dropped because the queue was full, since the device was first started (persisted). Report it in the state message.</summary>
        public uint Dropped { get { return _dropped; } }

        /// <summary>Damaged entries (torn by a power cut) found and removed since this boot.</summary>
        public int Discarded { get { return _discarded; } }

        /// <summary>Scans published on this connection and not yet acknowledged.</summary>
        public int InFlight
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _count; i++) if (_messageIds[i] != NotSent) n++;
                return n;
            }
        }

        /// <summary>Stores the scan (durable when this returns); drops the oldest if the queue is then over capacity.</summary>
        public void Enqueue(ScanRecord record)
        {
            if (record == null) throw new ArgumentNullException("record");
            if ((_count > 0 && record.Sequence <= _sequences[_count - 1]) || (_dropped > 0 && record.Sequence <= _lastDropped))
                throw new ArgumentException("scan sequence numbers must increase", "record");
            int length = ScanRecordFile.Encode(record, _encodeBuffer);
            _storage.Write(EntryName(record.Sequence), _encodeBuffer, 0, length);
            Append(record.Sequence);
            while (_count > _capacity) DropOldest();
        }

        /// <summary>The oldest scan, sent or not; null when the queue is empty.</summary>
        public ScanRecord? PeekOldest()
        {
            while (_count > 0)
            {
                ScanRecord? record = Load(0);
                if (record != null) return record;
                RemoveAt(0, true);
            }
            return null;
        }

        /// <summary>The oldest scan not yet published on this connection, or null when all are in flight. Publish it, then call MarkSent.</summary>
        public ScanRecord? NextToSend()
        {
            int i = 0;
            while (i < _count)
            {
                if (_messageIds[i] != NotSent)
                {
                    i++;
                    continue;
                }
                ScanRecord? record = Load(i);
                if (record != null) return record;
                RemoveAt(i, true);
            }
            return null;
        }

        /// <summary>Records that the scan was published with this message id (ignored if it was dropped meanwhile).</summary>
        public void MarkSent(uint sequence, ushort messageId)
        {
            int i = IndexOf(sequence);
            if (i >= 0) _messageIds[i] = messageId;
        }

        /// <summary>The broker acknowledged this message id: deletes that scan. False when no queued scan has the id.</summary>
        public bool Acknowledge(ushort messageId)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_messageIds[i] == messageId)
                {
                    _storage.Delete(EntryName(_sequences[i]));
                    RemoveAt(i, false);
                    return true;
                }
            }
            return false;
        }

        /// <summary>Call on connection lost (or before resending after a reconnect): every unacknowledged scan will be sent again, in order.</summary>
        public void ResendAll()
        {
            for (int i = 0; i < _count; i++) _messageIds[i] = NotSent;
        }

        /// <summary>The file name of the entry for a sequence number.</summary>
        public static string EntryName(uint sequence)
        {
            const string hex = "0123456789abcdef";
            var digits = new char[8];
            for (int i = 7; i >= 0; i--)
            {
                digits[i] = hex[(int)(sequence & 0xF)];
                sequence >>= 4;
            }
            return EntryPrefix + new string(digits);
        }

        private void DropOldest()
        {
            uint sequence = _sequences[0];
            var state = new byte[8];
            BigEndian.WriteUInt32(state, 0, _dropped + 1);
            BigEndian.WriteUInt32(state, 4, sequence);
            _dropFile.Write(state);
            _dropped++;
            _lastDropped = sequence;
            _storage.Delete(EntryName(sequence));
            RemoveAt(0, false);
        }

        private ScanRecord? Load(int index)
        {
            byte[]? file = _storage.Read(EntryName(_sequences[index]));
            if (file == null) return null;
            ScanRecord? record = ScanRecordFile.Decode(file);
            if (record == null || record.Sequence != _sequences[index]) return null;
            return record;
        }

        private void Append(uint sequence)
        {
            _sequences[_count] = sequence;
            _messageIds[_count] = NotSent;
            _count++;
        }

        private void RemoveAt(int index, bool damaged)
        {
            if (damaged)
            {
                _storage.Delete(EntryName(_sequences[index]));
                _discarded++;
            }
            Array.Copy(_sequences, index + 1, _sequences, index, _count - index - 1);
            Array.Copy(_messageIds, index + 1, _messageIds, index, _count - index - 1);
            _count--;
        }

        private int IndexOf(uint sequence)
        {
            for (int i = 0; i < _count; i++) if (_sequences[i] == sequence) return i;
            return -1;
        }

        private static uint[] FindEntries(IStorage storage)
        {
            string[] names = storage.List(EntryPrefix);
            var found = new uint[names.Length];
            int n = 0;
            for (int i = 0; i < names.Length; i++)
            {
                uint sequence;
                if (TryParseEntryName(names[i], out sequence)) found[n++] = sequence;
            }
            // Insertion sort: listings usually come sorted already, which makes this linear.
            for (int i = 1; i < n; i++)
            {
                uint v = found[i];
                int j = i - 1;
                while (j >= 0 && found[j] > v)
                {
                    found[j + 1] = found[j];
                    j--;
                }
                found[j + 1] = v;
            }
            var result = new uint[n];
            Array.Copy(found, result, n);
            return result;
        }

        private static bool TryParseEntryName(string name, out uint sequence)
        {
            sequence = 0;
            if (name.Length != EntryPrefix.Length + 8) return false;
            for (int i = 0; i < EntryPrefix.Length; i++) if (name[i] != EntryPrefix[i]) return false;
            for (int i = EntryPrefix.Length; i < name.Length; i++)
            {
                char c = name[i];
                uint digit;
                if (c >= '0' && c <= '9') digit = (uint)(c - '0');
                else if (c >= 'a' && c <= 'f') digit = (uint)(c - 'a' + 10);
                else return false;
                sequence = (sequence << 4) | digit;
            }
            return true;
        }
    }
}

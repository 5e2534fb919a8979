using System.Collections;
using Devices.Firmware.Core.Hal;

namespace Devices.Firmware.Core.Apps
{
    /// <summary>What happened on the MQTT link.</summary>
    public enum LinkEventKind : byte
    {
        Message = 1,
        Published = 2,
        ConnectionLost = 3,
    }

    /// <summary>One link event, as queued for the app's loop.</summary>
    public sealed class LinkEvent
    {
        public LinkEventKind Kind;
        public string Topic = "";
        public byte[] Payload = new byte[0];
        public ushort MessageId;
    }

    /// <summary>
    /// The link's events, queued. M2Mqtt (and MQTTnet) raise events on their own threads; the apps handle them
    /// only inside Step, on the app's one thread, so the Core logic never runs on two threads at once.
    /// </summary>
    public sealed class LinkInbox
    {
        /// <summary>Messages beyond this many are dropped: a flood from the broker must not exhaust a 100 KB heap.</summary>
        public const int MaxQueued = 32;

        private readonly IMqttLink _link;
        private readonly ArrayList _events = new ArrayList();
        private readonly object _gate = new object();
        private bool _attached;

        public LinkInbox(IMqttLink link)
        {
            _link = link;
            Attach();
        }

        /// <summary>Messages dropped because the queue was full.</summary>
        public int Overflowed { get; private set; }

        public void Attach()
        {
            if (_attached) return;
            _link.MessageReceived += OnMessage;
            _link.Published += OnPublished;
            _link.ConnectionLost += OnLost;
            _attached = true;
        }

        /// <summary>Stops listening (e.g. when the app goes to sleep and the host boots a new one).</summary>
        public void Detach()
        {
            if (!_attached) return;
            _link.MessageReceived -= OnMessage;
            _link.Published -= OnPublished;
            _link.ConnectionLost -= OnLost;
            _attached = false;
        }

        /// <summary>The oldest event, or null when none is waiting.</summary>
        public LinkEvent? Take()
        {
            lock (_gate)
            {
                if (_events.Count == 0) return null;
                var e = (LinkEvent)_events[0]!;
                _events.RemoveAt(0);
                return e;
            }
        }

        public void Clear()
        {
            lock (_gate) _events.Clear();
        }

        private void OnMessage(string topic, byte[] payload)
        {
            var e = new LinkEvent();
            e.Kind = LinkEventKind.Message;
            e.Topic = topic == null ? "" : topic;
            e.Payload = payload == null ? new byte[0] : payload;
            lock (_gate)
            {
                if (_events.Count >= MaxQueued) { Overflowed++; return; }
                _events.Add(e);
            }
        }

        private void OnPublished(ushort messageId)
        {
            var e = new LinkEvent();
            e.Kind = LinkEventKind.Published;
            e.MessageId = messageId;
            lock (_gate) _events.Add(e); // acks are never dropped: a lost ack would resend a scan
        }

        private void OnLost()
        {
            var e = new LinkEvent();
            e.Kind = LinkEventKind.ConnectionLost;
            lock (_gate) _events.Add(e);
        }
    }
}

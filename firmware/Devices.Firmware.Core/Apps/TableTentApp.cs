using System;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Hal;
using Devices.Firmware.Core.Layouts;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.RotatingCodes;
using Devices.Firmware.Core.Scanning;
using Devices.Firmware.Core.Security;

namespace Devices.Firmware.Core.Apps
{
    /// <summary>
    /// The table tent: shows its rotating code (or its playlist), re-drawn at each period boundary; reads scans
    /// into a flash queue and publishes them one at a time at QoS 1, deleting each on its PUBACK; takes signed
    /// content and feedback messages from the gateway. Driven by <see cref="Step"/> from one loop; no threads.
    /// Codes keep rotating while the broker is away (they are computed locally); after a while an offline mark
    /// shows. Without a known wall clock it shows "syncing" instead of a code.
    /// </summary>
    public sealed class TableTentApp
    {
        public const string ContentFile = "tent.content";

        private readonly DeviceIdentity _identity;
        private readonly TableTentOptions _options;
        private readonly Board _board;
        private readonly IDisplay _display;
        private readonly IMqttLink _link;
        private readonly IStorage _storage;
        private readonly IClock _clock;
        private readonly IScanner? _scanner;
        private readonly ISignal? _signal;
        private readonly ILed? _led;
        private readonly Protocol.WakeCause _bootCause;

        private readonly LinkInbox _inbox;
        private readonly WallClock _wall;
        private readonly Backoff _backoff;
        private readonly ContentVerifier _verifier;
        private readonly ScanFramer _framer;
        private readonly ScanSequence _sequence;
        private readonly ScanQueue _queue;
        private readonly byte[] _readBuffer = new byte[64];
        private readonly TableTentLayout _layout;
        private readonly FrameBuffer _frame;
        private readonly TentScreen _screen = new TentScreen();
        private readonly string _scanTopic, _ackTopic, _helloTopic, _stateTopic;

        private bool _connected;
        private bool _everConnected;
        private long _nextConnectMs;
        private long _disconnectedSinceMs;
        private long _now;

        private TentContent? _content;
        private uint _appliedVersion;
        private RotatingCode? _code;
        private long _contentStartMs;

        private string _overlay = "";
        private long _overlayUntilMs;
        private int _partialsSinceFull;
        private bool _shownOnce;
        private bool _shownSyncing, _shownOverlayOn, _shownOffline;
        private int _shownEntry;
        private uint _shownCounter;
        private int _generation; // bumps when content or the overlay text changes
        private int _shownGeneration;
        private SelfTest? _selfTest; // running after a cmd/{id}/selftest request

        public TableTentApp(DeviceIdentity identity, Board board, TableTentOptions options)
        {
            if (identity == null) throw new ArgumentNullException("identity");
            if (board == null || board.Display == null || board.Link == null || board.Storage == null || board.Clock == null)
                throw new ArgumentException("A table tent needs a display, an MQTT link, storage and a clock.");
            _identity = identity;
            _options = options == null ? new TableTentOptions() : options;
            _board = board;
            _display = board.Display;
            _link = board.Link;
            _storage = board.Storage;
            _clock = board.Clock;
            _scanner = board.Scanner;
            _signal = board.Signal;
            _led = board.Led;
            _bootCause = BootCauseOf(board.Power);

            _inbox = new LinkInbox(_link);
            _wall = new WallClock(_clock);
            _backoff = new Backoff(_options.ReconnectInitialMs, _options.ReconnectMaxMs, Backoff.SeedFor(identity.Id));
            _verifier = new ContentVerifier(identity.Id, identity.ContentKey, ContentKind.Tent, ContentVerifier.TentMaxPayloadBytes);
            _framer = new ScanFramer(OnScanFramed);
            _sequence = new ScanSequence(_storage);
            _queue = new ScanQueue(_storage, _options.ScanQueueCapacity);
            _layout = new TableTentLayout(board.Panel);
            _frame = board.Panel.CreateFrame();
            _scanTopic = Topics.Build(TopicKind.Scan, identity.Id);
            _ackTopic = Topics.Build(TopicKind.Ack, identity.Id);
            _helloTopic = Topics.Build(TopicKind.Hello, identity.Id);
            _stateTopic = Topics.Build(TopicKind.State, identity.Id);

            LoadStoredContent();
        }

        public bool IsConnected { get { return _connected; } }
        public uint AppliedContentVersion { get { return _appliedVersion; } }
        public bool IsWallTimeKnown { get { return _wall.IsKnown; } }
        public int QueuedScans { get { return _queue.Count; } }
        public uint DroppedScans { get { return _queue.Dropped; } }
        /// <summary>The CONNACK code of the last failed attempt (-1: broker not reached); 0 when none failed.</summary>
        public int LastConnectResult { get; private set; }
        public int ConnectAttempts { get; private set; }
        /// <summary>Monotonic time of the next connect attempt while disconnected.</summary>
        public long NextConnectMs { get { return _nextConnectMs; } }
        /// <summary>What the screen shows now (valid after a Step).</summary>
        public TentScreen Screen { get { return _screen; } }
        public int FramesShown { get; private set; }
        public int ScanErrors { get; private set; }

        /// <summary>One turn of the loop: link events, connect when due, scanner, scan upload, display.</summary>
        public void Step()
        {
            _now = _clock.MonotonicMs;
            HandleLinkEvents();
            if (!_connected && _now >= _nextConnectMs) TryConnect();
            ReadScanner();
            SendNextScan();
            StepSelfTest();
            UpdateDisplay();
        }

        /// <summary>True while a requested self-test waits for its MQTT round trip.</summary>
        public bool IsSelfTestRunning { get { return _selfTest != null; } }

        private void StartSelfTest()
        {
            if (_selfTest != null) return; // one at a time; the running one answers
            var test = new SelfTest(_identity.Id, _board, null, _options.SelfTestRoundTripMs);
            test.UnixTime = _wall.IsKnown ? (uint)_wall.UnixSeconds : 0;
            test.Start();
            _selfTest = test;
        }

        private void StepSelfTest()
        {
            if (_selfTest == null || !_selfTest.Step()) return;
            _selfTest = null;
            _shownOnce = false; // the test pattern is on the panel: draw the code again in full
            _generation++;
        }

        private void TryConnect()
        {
            ConnectAttempts++;
            int result;
            try
            {
                result = _link.Connect(_identity.Id, _identity.Id, _identity.MqttPassword, _stateTopic,
                    StateMessage.OfflineWillText, _options.KeepAliveSeconds);
            }
            catch (Exception)
            {
                result = -1;
            }
            if (result != 0)
            {
                LastConnectResult = result;
                _nextConnectMs = _now + _backoff.NextDelayMs();
                return;
            }
            _inbox.Clear(); // nothing of an earlier connection matters now
            _queue.ResendAll();
            try
            {
                _link.Subscribe(Topics.DownlinkFilter(_identity.Id));
                var hello = new HelloMessage();
                hello.FirmwareVersion = _options.FirmwareVersion;
                hello.Kind = DeviceKind.TableTent;
                hello.AppliedContentVersion = _appliedVersion;
                hello.Rssi = _signal == null ? 0 : _signal.RssiDbm;
                hello.DroppedScans = _queue.Dropped;
                hello.QueuedScans = (uint)_queue.Count;
                hello.WakeCause = _everConnected ? Protocol.WakeCause.Reconnect : _bootCause;
                _link.Publish(_helloTopic, hello.Encode(), 1);
                var state = new StateMessage();
                state.Status = DeviceStatus.Online;
                state.Rssi = hello.Rssi;
                state.AppliedContentVersion = _appliedVersion;
                state.DroppedScans = _queue.Dropped;
                state.Display = _content == null ? DisplayState.Blank : DisplayState.Content;
                _link.Publish(_stateTopic, state.Encode(), 0);
            }
            catch (Exception)
            {
                LoseConnection();
                return;
            }
            _connected = true;
            _everConnected = true;
            _backoff.Reset();
            LastConnectResult = 0;
        }

        private void LoseConnection()
        {
            if (_connected) _disconnectedSinceMs = _now; // never connected: offline since boot (0)
            _connected = false;
            _queue.ResendAll();
            try { _link.Disconnect(); } catch (Exception) { }
            _nextConnectMs = _now + _backoff.NextDelayMs();
        }

        private void HandleLinkEvents()
        {
            LinkEvent? e;
            while ((e = _inbox.Take()) != null)
            {
                if (e.Kind == LinkEventKind.ConnectionLost) { if (_connected) LoseConnection(); }
                else if (e.Kind == LinkEventKind.Published) _queue.Acknowledge(e.MessageId);
                else HandleMessage(e.Topic, e.Payload);
            }
        }

        private void HandleMessage(string topic, byte[] payload)
        {
            TopicKind kind;
            string deviceId;
            if (!Topics.TryParse(topic, out kind, out deviceId)) return;
            if (deviceId != _identity.Id)
            {
                if (kind == TopicKind.Content) SendAck(0, AckResult.WrongDevice, "content for another device id");
                return;
            }
            if (kind == TopicKind.Welcome)
            {
                WelcomeMessage welcome;
                if (WelcomeMessage.TryDecode(payload, 0, payload.Length, out welcome).Ok && welcome.UnixTime > 0)
                    _wall.SetFromGateway(welcome.UnixTime);
            }
            else if (kind == TopicKind.Content)
            {
                HandleContent(payload);
            }
            else if (kind == TopicKind.Notify)
            {
                NotifyMessage notify;
                if (!NotifyMessage.TryDecode(payload, 0, payload.Length, out notify).Ok) return;
                if (notify.Text.Length > 0)
                {
                    _overlay = notify.Text;
                    uint seconds = notify.DisplaySeconds > 0 ? notify.DisplaySeconds : _options.DefaultOverlaySeconds;
                    _overlayUntilMs = _now + (long)seconds * 1000;
                    _generation++;
                }
                LedSignal.Show(_led, notify.Led, notify.LedCount);
            }
            else if (kind == TopicKind.SelfTestRequest)
            {
                SelfTestRequest request;
                if (SelfTestRequest.TryDecode(payload, 0, payload.Length, out request).Ok) StartSelfTest();
            }
        }

        private void HandleContent(byte[] payload)
        {
            ContentEnvelope envelope;
            string detail;
            AckResult result = _verifier.Check(payload, 0, payload.Length, _appliedVersion, out envelope, out detail);
            TentContent content = new TentContent();
            if (result == AckResult.Applied)
            {
                DecodeResult decoded = TentContentCodec.TryDecode(envelope.Payload, 0, envelope.Payload.Length, out content);
                if (!decoded.Ok)
                {
                    result = decoded.ToAckResult();
                    detail = decoded.Message;
                }
            }
            if (result == AckResult.Applied)
            {
                try
                {
                    _storage.Write(ContentFile, payload, 0, payload.Length);
                }
                catch (Exception)
                {
                    result = AckResult.StorageFailed;
                    detail = "the content could not be written to flash";
                }
            }
            if (result == AckResult.Applied) Apply(content, envelope.ContentVersion);
            SendAck(envelope.ContentVersion, result, detail);
        }

        private void SendAck(uint version, AckResult result, string detail)
        {
            if (!_connected) return;
            var ack = new AckMessage();
            ack.ContentVersion = version;
            ack.Result = result;
            ack.AppliedContentVersion = _appliedVersion;
            ack.Detail = AckMessage.FitDetail(detail == null ? "" : detail);
            try { _link.Publish(_ackTopic, ack.Encode(), 1); }
            catch (Exception) { LoseConnection(); }
        }

        private void Apply(TentContent content, uint version)
        {
            _content = content;
            _appliedVersion = version;
            _code = new RotatingCode(_identity.Id, _identity.CodeKey, content.RotationSeconds);
            _contentStartMs = _now;
            _generation++;
        }

        /// <summary>After a reset: the last applied content comes back from flash, re-verified (never trust flash blindly).</summary>
        private void LoadStoredContent()
        {
            byte[]? stored = _storage.Read(ContentFile);
            if (stored == null) return;
            ContentEnvelope envelope;
            string detail;
            if (_verifier.Check(stored, 0, stored.Length, 0, out envelope, out detail) != AckResult.Applied) return;
            TentContent content;
            if (!TentContentCodec.TryDecode(envelope.Payload, 0, envelope.Payload.Length, out content).Ok) return;
            _now = _clock.MonotonicMs;
            Apply(content, envelope.ContentVersion);
        }

        private void ReadScanner()
        {
            if (_scanner == null) return;
            int n;
            while ((n = _scanner.Read(_readBuffer, 0, _readBuffer.Length)) > 0) _framer.Push(_readBuffer, 0, n, _now);
            _framer.Tick(_now);
        }

        private void OnScanFramed(byte[] data, int count, bool truncated)
        {
            try
            {
                uint unix = _wall.IsKnown ? (uint)_wall.UnixSeconds : 0;
                int kept = count > ScanRecord.MaxDataLength ? ScanRecord.MaxDataLength : count;
                _queue.Enqueue(new ScanRecord(_sequence.Next(), unix, _now, truncated || kept < count, data, 0, kept));
            }
            catch (Exception)
            {
                ScanErrors++; // flash full or failing: counted, reported by the self-test
            }
        }

        /// <summary>One scan in flight at a time: the PUBACK of one releases the next, so they arrive in order.</summary>
        private void SendNextScan()
        {
            if (!_connected || _queue.InFlight > 0) return;
            ScanRecord? record = _queue.NextToSend();
            if (record == null) return;
            var message = new ScanMessage();
            message.Seq = record.Sequence;
            message.UnixTime = record.UnixSeconds;
            message.AgeMillis = record.FromThisBoot ? (uint)(_now - record.MonotonicMs) : 0;
            message.Data = record.Data;
            try
            {
                ushort id = _link.Publish(_scanTopic, message.Encode(), 1);
                _queue.MarkSent(record.Sequence, id);
            }
            catch (Exception)
            {
                LoseConnection();
            }
        }

        /// <summary>
        /// Redraws only when what the screen depends on changed: the token counter, the playlist entry, the
        /// content, the overlay, the offline and syncing flags. The loop runs every few milliseconds, so the common
        /// case (nothing changed) must cost no HMAC and no allocation.
        /// </summary>
        private void UpdateDisplay()
        {
            bool syncing = !_wall.IsKnown;
            bool overlayOn = _now < _overlayUntilMs;
            bool offline = !_connected && _now - _disconnectedSinceMs >= _options.OfflineMarkAfterMs;
            int entry = -1;
            uint counter = 0;
            if (_content != null && _code != null && !syncing)
            {
                entry = PlaylistEntryAt(_content);
                counter = _code.CounterAt((uint)_wall.UnixSeconds);
            }
            if (_shownOnce && syncing == _shownSyncing && overlayOn == _shownOverlayOn && offline == _shownOffline
                && entry == _shownEntry && counter == _shownCounter && _generation == _shownGeneration) return;

            FillScreen(syncing, overlayOn, offline, entry, counter);
            _layout.Render(_screen, _frame);
            bool full = !_shownOnce || !_display.SupportsPartialRefresh || _partialsSinceFull >= _options.FullRefreshEvery;
            _display.Show(_frame.BlackPlane, _frame.RedPlane, full);
            _partialsSinceFull = full ? 0 : _partialsSinceFull + 1;
            _shownOnce = true;
            _shownSyncing = syncing;
            _shownOverlayOn = overlayOn;
            _shownOffline = offline;
            _shownEntry = entry;
            _shownCounter = counter;
            _shownGeneration = _generation;
            FramesShown++;
        }

        /// <summary>-1 for the main link, else the index of the playlist entry showing now.</summary>
        private int PlaylistEntryAt(TentContent content)
        {
            TentPlaylistEntry[] playlist = content.Playlist;
            if (playlist.Length == 0) return -1;
            long total = content.DwellSeconds;
            for (int i = 0; i < playlist.Length; i++) total += playlist[i].DwellSeconds;
            if (total <= 0) return -1;
            long at = ((_now - _contentStartMs) / 1000) % total;
            if (at < content.DwellSeconds) return -1;
            at -= content.DwellSeconds;
            for (int i = 0; i < playlist.Length; i++)
            {
                if (at < playlist[i].DwellSeconds) return i;
                at -= playlist[i].DwellSeconds;
            }
            return -1;
        }

        private void FillScreen(bool syncing, bool overlayOn, bool offline, int entry, uint counter)
        {
            TentContent? content = _content;
            _screen.TableName = content == null ? null : content.TableName;
            _screen.Headline = content == null ? null : content.Headline;
            _screen.Link = null;
            _screen.FallbackCode = null;
            _screen.Syncing = syncing;
            _screen.Overlay = overlayOn ? _overlay : null;
            _screen.Offline = offline;
            if (content == null || _code == null || syncing) return;
            string template = content.LinkTemplate;
            if (entry >= 0)
            {
                TentPlaylistEntry item = content.Playlist[entry];
                template = item.LinkTemplate;
                if (item.Headline.Length > 0) _screen.Headline = item.Headline;
            }
            _screen.Link = _code.Link(template, counter);
            if (content.ShowFallbackCode && entry < 0) _screen.FallbackCode = _code.FallbackCode(counter);
        }

        internal static Protocol.WakeCause BootCauseOf(IPower? power)
        {
            return power == null ? Protocol.WakeCause.PowerOn : power.WakeCause;
        }
    }
}

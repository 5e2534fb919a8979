using System;
using System.Security.Cryptography;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Hal;
using Devices.Firmware.Core.Layouts;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Scanning;
using Devices.Firmware.Core.Security;
using Devices.Firmware.Core.Text;

namespace Devices.Firmware.Core.Apps
{
    /// <summary>Where a shelf label is in its wake.</summary>
    public enum LabelPhase : byte
    {
        Connecting = 1,
        AwaitWelcome = 2,
        AwaitContent = 3,
        Finishing = 4,
        Asleep = 5,
    }

    /// <summary>
    /// One wake of a shelf label, from reset to deep sleep: connect within a budget, say hello (applied version,
    /// battery, signal), wait briefly for the welcome and any content, verify and store content, redraw only when
    /// the picture changed (hash of the frame planes against the stored one), ack, sleep until the next wake.
    /// A wake from deep sleep is a reset, so everything that must last is in flash; a new instance is the next wake.
    /// </summary>
    public sealed class ShelfLabelApp
    {
        public const string ContentFile = "label.content";
        public const string StateFile = "label.state";
        public const string FrameHashFile = "label.frame";

        private static readonly byte[] FrameHashKey = new byte[] { 0x66, 0x72, 0x61, 0x6D, 0x65 }; // "frame"

        private readonly DeviceIdentity _identity;
        private readonly ShelfLabelOptions _options;
        private readonly Board _board;
        private readonly IDisplay _display;
        private readonly IMqttLink _link;
        private readonly IStorage _storage;
        private readonly IClock _clock;
        private readonly IPower _power;
        private readonly IBattery? _battery;
        private readonly ISignal? _signal;
        private readonly ILed? _led;
        private readonly Panel _panel;
        private readonly LinkInbox _inbox;
        private readonly WallClock _wall;
        private readonly ContentVerifier _verifier;
        private readonly AlternatingFile _stateFile;
        private readonly AlternatingFile _frameHashFile;
        private readonly string _ackTopic, _helloTopic, _stateTopic;

        private LabelPhase _phase = LabelPhase.Connecting;
        private long _now;
        private long _wakeStartMs;
        private long _nextAttemptMs;
        private long _deadlineMs;
        private bool _welcomed;
        private uint _desiredVersion;
        private ushort _pendingAckId;
        private SelfTest? _selfTest; // running after a cmd/{id}/selftest request; the label stays awake until it is done

        // Persisted in StateFile.
        private uint _bootCount;
        private uint _failedWakes;
        private uint _wakeSeconds;
        private uint _appliedVersion;

        public ShelfLabelApp(DeviceIdentity identity, Board board, ShelfLabelOptions options)
        {
            if (identity == null) throw new ArgumentNullException("identity");
            if (board == null || board.Display == null || board.Link == null || board.Storage == null || board.Clock == null || board.Power == null)
                throw new ArgumentException("A shelf label needs a display, an MQTT link, storage, a clock and sleep control.");
            _identity = identity;
            _options = options == null ? new ShelfLabelOptions() : options;
            _board = board;
            _display = board.Display;
            _link = board.Link;
            _storage = board.Storage;
            _clock = board.Clock;
            _power = board.Power;
            _battery = board.Battery;
            _signal = board.Signal;
            _led = board.Led;
            _panel = board.Panel;
            _inbox = new LinkInbox(_link);
            _wall = new WallClock(_clock);
            _verifier = new ContentVerifier(identity.Id, identity.ContentKey, ContentKind.Label, ContentVerifier.LabelMaxPayloadBytes);
            _stateFile = new AlternatingFile(_storage, StateFile);
            _frameHashFile = new AlternatingFile(_storage, FrameHashFile);
            _ackTopic = Topics.Build(TopicKind.Ack, identity.Id);
            _helloTopic = Topics.Build(TopicKind.Hello, identity.Id);
            _stateTopic = Topics.Build(TopicKind.State, identity.Id);

            LoadState();
            RestoreStoredContent();
            _bootCount++;
            _wakeStartMs = _clock.MonotonicMs;
            _nextAttemptMs = _wakeStartMs;
            if (_power.WakeCause == WakeCause.Button && _led != null) _led.Flash(50, 0, 1); // the press was seen
        }

        public LabelPhase Phase { get { return _phase; } }
        public bool IsAsleep { get { return _phase == LabelPhase.Asleep; } }
        public uint AppliedContentVersion { get { return _appliedVersion; } }
        public uint BootCount { get { return _bootCount; } }
        public uint FailedWakes { get { return _failedWakes; } }
        /// <summary>The sleep requested at the end of this wake (ms); -1 while awake.</summary>
        public long SleepMs { get; private set; } = -1;
        /// <summary>Frames drawn in this wake (0 when the picture did not change).</summary>
        public int FramesShown { get; private set; }
        /// <summary>Results of the content messages handled in this wake, in order.</summary>
        public AckResult LastAckResult { get; private set; }
        public int AcksSent { get; private set; }

        public void Step()
        {
            _now = _clock.MonotonicMs;
            if (_phase == LabelPhase.Asleep) return;
            if (_phase == LabelPhase.Connecting)
            {
                if (_now < _nextAttemptMs) return;
                if (TryConnect())
                {
                    _phase = LabelPhase.AwaitWelcome;
                    _deadlineMs = _now + _options.WelcomeWaitMs;
                }
                else if (_now - _wakeStartMs >= _options.ConnectBudgetMs) Sleep(false);
                else _nextAttemptMs = _now + _options.ConnectRetryMs;
                return;
            }
            HandleLinkEvents();
            if (_phase == LabelPhase.Asleep) return;
            if (_selfTest != null)
            {
                if (!_selfTest.Step()) return;
                _selfTest = null;
                // The test pattern is on the panel: put the content back.
                _frameHashFile.Write(new byte[0]);
                RestoreStoredContent();
            }
            if (_phase == LabelPhase.Finishing)
            {
                // After an ack: sleep as soon as its PUBACK is in (or at the deadline). Otherwise linger to the deadline.
                if ((AcksSent > 0 && _pendingAckId == 0) || _now >= _deadlineMs) Sleep(true);
            }
            else if (_now >= _deadlineMs) Sleep(_welcomed); // no welcome at all: the gateway is not there
        }

        private bool TryConnect()
        {
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
            if (result != 0) return false;
            try
            {
                _link.Subscribe(Topics.DownlinkFilter(_identity.Id));
                var hello = new HelloMessage();
                hello.FirmwareVersion = _options.FirmwareVersion;
                hello.Kind = DeviceKind.ShelfLabel;
                hello.AppliedContentVersion = _appliedVersion;
                hello.BatteryMillivolts = _battery == null ? 0 : (uint)_battery.Millivolts;
                hello.Rssi = _signal == null ? 0 : _signal.RssiDbm;
                hello.BootCount = _bootCount;
                hello.WakeCause = TableTentApp.BootCauseOf(_power);
                _link.Publish(_helloTopic, hello.Encode(), 1);
                return true;
            }
            catch (Exception)
            {
                try { _link.Disconnect(); } catch (Exception) { }
                return false;
            }
        }

        private void HandleLinkEvents()
        {
            LinkEvent? e;
            while (_phase != LabelPhase.Asleep && (e = _inbox.Take()) != null)
            {
                if (e.Kind == LinkEventKind.ConnectionLost) Sleep(_welcomed);
                else if (e.Kind == LinkEventKind.Published) { if (e.MessageId == _pendingAckId) _pendingAckId = 0; }
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
                if (!WelcomeMessage.TryDecode(payload, 0, payload.Length, out welcome).Ok) return;
                _welcomed = true;
                if (welcome.UnixTime > 0) _wall.SetFromGateway(welcome.UnixTime);
                if (welcome.WakeIntervalSeconds > 0) _wakeSeconds = ClampWake(welcome.WakeIntervalSeconds);
                _desiredVersion = welcome.DesiredContentVersion;
                if (_phase == LabelPhase.AwaitWelcome)
                {
                    if (_desiredVersion != _appliedVersion) { _phase = LabelPhase.AwaitContent; _deadlineMs = _now + _options.ContentWaitMs; }
                    else { _phase = LabelPhase.Finishing; _deadlineMs = _now + _options.LingerMs; }
                }
            }
            else if (kind == TopicKind.Content)
            {
                HandleContent(payload);
                if (_phase != LabelPhase.Asleep)
                {
                    _phase = LabelPhase.Finishing;
                    _deadlineMs = _now + _options.AckWaitMs;
                }
            }
            else if (kind == TopicKind.Notify)
            {
                NotifyMessage notify;
                if (NotifyMessage.TryDecode(payload, 0, payload.Length, out notify).Ok) LedSignal.Show(_led, notify.Led, notify.LedCount);
            }
            else if (kind == TopicKind.SelfTestRequest)
            {
                SelfTestRequest request;
                if (_selfTest != null || !SelfTestRequest.TryDecode(payload, 0, payload.Length, out request).Ok) return;
                var test = new SelfTest(_identity.Id, _board, null, _options.SelfTestRoundTripMs);
                test.UnixTime = _wall.IsKnown ? (uint)_wall.UnixSeconds : 0;
                test.Start();
                _selfTest = test;
            }
        }

        /// <summary>True while a requested self-test waits for its MQTT round trip.</summary>
        public bool IsSelfTestRunning { get { return _selfTest != null; } }

        private void HandleContent(byte[] payload)
        {
            ContentEnvelope envelope;
            string detail;
            AckResult result = _verifier.Check(payload, 0, payload.Length, _appliedVersion, out envelope, out detail);
            LabelContent content = new LabelContent();
            GlyphSet? glyphs = null;
            if (result == AckResult.Applied)
            {
                DecodeResult decoded = LabelContentCodec.TryDecode(envelope.Payload, 0, envelope.Payload.Length, out content);
                if (!decoded.Ok) { result = decoded.ToAckResult(); detail = decoded.Message; }
                else if (!TryMakeGlyphSet(content, out glyphs)) { result = AckResult.Malformed; detail = "extra glyph codes must be strictly ascending"; }
            }
            if (result == AckResult.Applied)
            {
                try
                {
                    _storage.Write(ContentFile, payload, 0, payload.Length);
                    _appliedVersion = envelope.ContentVersion;
                    if (content.WakeIntervalSeconds > 0) _wakeSeconds = ClampWake(content.WakeIntervalSeconds);
                    SaveState();
                    ShowIfChanged(content, glyphs);
                    detail = FramesShown > 0 ? "applied" : "applied; picture unchanged";
                }
                catch (Exception)
                {
                    result = AckResult.StorageFailed;
                    detail = "the content could not be written to flash";
                }
            }
            LastAckResult = result;
            SendAck(envelope.ContentVersion, result, detail);
        }

        /// <summary>E-paper keeps its picture without power: redraw only when the new frame differs from the last one drawn.</summary>
        private void ShowIfChanged(LabelContent content, GlyphSet? glyphs)
        {
            var layout = new ShelfLabelLayout(_panel);
            if (glyphs != null) layout.SetExtraGlyphs(new GlyphSet[] { glyphs });
            FrameBuffer frame = _panel.CreateFrame();
            layout.Render(content, frame);
            byte[] hash = FrameHash(frame);
            byte[]? stored = _frameHashFile.Value;
            if (stored != null && stored.Length == hash.Length && ConstantTime.Equals(stored, 0, hash, 0, hash.Length)) return;
            _display.Show(frame.BlackPlane, frame.RedPlane, true);
            FramesShown++;
            _frameHashFile.Write(hash);
        }

        /// <summary>
        /// Says the panel no longer shows the stored content (a boot self-test drew its pattern), so the next wake
        /// draws the content again.
        /// </summary>
        public static void ForgetDrawnFrame(IStorage storage)
        {
            new AlternatingFile(storage, FrameHashFile).Write(new byte[0]);
        }

        /// <summary>Draws the stored content when the panel may show something else (no frame hash on record).</summary>
        private void RestoreStoredContent()
        {
            byte[]? drawn = _frameHashFile.Value;
            if (_appliedVersion == 0 || (drawn != null && drawn.Length > 0)) return;
            byte[]? stored = _storage.Read(ContentFile);
            ContentEnvelope envelope;
            string detail;
            if (stored == null || _verifier.Check(stored, 0, stored.Length, 0, out envelope, out detail) != AckResult.Applied) return;
            LabelContent content;
            GlyphSet? glyphs;
            if (!LabelContentCodec.TryDecode(envelope.Payload, 0, envelope.Payload.Length, out content).Ok || !TryMakeGlyphSet(content, out glyphs)) return;
            ShowIfChanged(content, glyphs);
        }

        /// <summary>HMAC-SHA256 as a hash (the device has no plain SHA-256): the black plane, then the red one keyed by the first result.</summary>
        public static byte[] FrameHash(FrameBuffer frame)
        {
            byte[] hash = HMACSHA256.HashData(FrameHashKey, frame.BlackPlane);
            if (frame.RedPlane != null) hash = HMACSHA256.HashData(hash, frame.RedPlane);
            return hash;
        }

        private void SendAck(uint version, AckResult result, string detail)
        {
            var ack = new AckMessage();
            ack.ContentVersion = version;
            ack.Result = result;
            ack.AppliedContentVersion = _appliedVersion;
            ack.Detail = AckMessage.FitDetail(detail == null ? "" : detail);
            try
            {
                _pendingAckId = _link.Publish(_ackTopic, ack.Encode(), 1);
                AcksSent++;
            }
            catch (Exception)
            {
                Sleep(_welcomed);
            }
        }

        /// <summary>Ends the wake: state to flash, radio and panel off, deep sleep. reachedGateway false backs off.</summary>
        private void Sleep(bool reachedGateway)
        {
            if (_phase == LabelPhase.Asleep) return;
            _phase = LabelPhase.Asleep;
            long seconds;
            if (reachedGateway)
            {
                _failedWakes = 0;
                seconds = _wakeSeconds;
            }
            else
            {
                _failedWakes++;
                seconds = _options.RetryInitialSeconds;
                for (uint i = 1; i < _failedWakes && seconds < _options.RetryMaxSeconds; i++) seconds *= 2;
                if (seconds > _options.RetryMaxSeconds) seconds = _options.RetryMaxSeconds;
            }
            try { SaveState(); } catch (Exception) { } // a failing flash must not keep the radio on
            _inbox.Detach();
            try { _link.Disconnect(); } catch (Exception) { }
            _display.PowerDown();
            SleepMs = seconds * 1000;
            _power.DeepSleep(SleepMs);
        }

        private uint ClampWake(uint seconds)
        {
            if (seconds < _options.MinWakeSeconds) return _options.MinWakeSeconds;
            if (seconds > _options.MaxWakeSeconds) return _options.MaxWakeSeconds;
            return seconds;
        }

        private void LoadState()
        {
            _wakeSeconds = ClampWake(_options.DefaultWakeSeconds);
            byte[]? state = _stateFile.Value;
            if (state != null && state.Length == 16)
            {
                _bootCount = BigEndian.ReadUInt32(state, 0);
                _failedWakes = BigEndian.ReadUInt32(state, 4);
                _wakeSeconds = ClampWake(BigEndian.ReadUInt32(state, 8));
                _appliedVersion = BigEndian.ReadUInt32(state, 12);
            }
            // The applied version is only as good as the stored content: check it (a torn write means start over).
            byte[]? stored = _storage.Read(ContentFile);
            ContentEnvelope envelope;
            string detail;
            if (stored == null || _verifier.Check(stored, 0, stored.Length, 0, out envelope, out detail) != AckResult.Applied)
                _appliedVersion = 0;
            else if (envelope.ContentVersion > _appliedVersion)
                _appliedVersion = envelope.ContentVersion; // content written, state not: the content is what is shown
        }

        private void SaveState()
        {
            var state = new byte[16];
            BigEndian.WriteUInt32(state, 0, _bootCount);
            BigEndian.WriteUInt32(state, 4, _failedWakes);
            BigEndian.WriteUInt32(state, 8, _wakeSeconds);
            BigEndian.WriteUInt32(state, 12, _appliedVersion);
            _stateFile.Write(state);
        }

        /// <summary>The content's extra glyphs (records of code + 16×16 bitmap) as a glyph set; false when out of order.</summary>
        private static bool TryMakeGlyphSet(LabelContent content, out GlyphSet? glyphs)
        {
            glyphs = null;
            int count = content.ExtraGlyphCount;
            if (count == 0) return true;
            var codes = new byte[count * 2];
            var bitmaps = new byte[count * 32];
            for (int i = 0; i < count; i++)
            {
                int at = i * LabelContent.GlyphRecordBytes;
                codes[i * 2] = content.ExtraGlyphs[at];
                codes[i * 2 + 1] = content.ExtraGlyphs[at + 1];
                Array.Copy(content.ExtraGlyphs, at + 2, bitmaps, i * 32, 32);
            }
            try
            {
                glyphs = new GlyphSet(codes, bitmaps, 16, 16);
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }
}

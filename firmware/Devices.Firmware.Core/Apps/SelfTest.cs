using System;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Hal;
using Devices.Firmware.Core.Protocol;

namespace Devices.Firmware.Core.Apps
{
    /// <summary>
    /// The factory and field self-test: display test pattern, scanner, storage write/read, clock, Wi-Fi signal,
    /// MQTT round trip (a QoS 1 publish and its PUBACK). <see cref="Start"/> runs the local checks at once and
    /// sends the probe; <see cref="Step"/> waits for the PUBACK without blocking. The report goes to the gateway
    /// (dev/{id}/selftest) when connected, and line by line to the console sink.
    /// </summary>
    public sealed class SelfTest
    {
        public const string ProbeFile = "selftest.tmp";
        public const int MinRssiDbm = -80;

        private readonly string _deviceId;
        private readonly Board _board;
        private readonly ISelfTestSink? _sink;
        private readonly long _roundTripTimeoutMs;
        private readonly LinkInbox? _inbox;
        private readonly SelfTestCheck[] _checks = new SelfTestCheck[6];
        private int _checkCount;
        private ushort _probeId;
        private long _probeSentMs = -1;
        private long _startMonotonicMs;

        public SelfTest(string deviceId, Board board, ISelfTestSink? sink, long roundTripTimeoutMs)
        {
            DeviceId.Check(deviceId);
            if (board == null) throw new ArgumentNullException("board");
            _deviceId = deviceId;
            _board = board;
            _sink = sink;
            _roundTripTimeoutMs = roundTripTimeoutMs;
            if (board.Link != null) _inbox = new LinkInbox(board.Link);
        }

        /// <summary>
        /// When the test runs (unix seconds), set before Start by an app that knows the wall time (e.g. from the
        /// gateway's welcome); 0 falls back to the board clock when it is set. The gateway and CLI tell reports apart by it.
        /// </summary>
        public uint UnixTime;

        public bool IsDone { get; private set; }
        /// <summary>The report, once done.</summary>
        public SelfTestReport? Report { get; private set; }

        /// <summary>Runs the local checks and sends the MQTT probe (the link must already be connected for it to pass).</summary>
        public void Start()
        {
            _startMonotonicMs = _board.Clock == null ? 0 : _board.Clock.MonotonicMs;
            Add(CheckDisplay());
            Add(CheckScanner());
            Add(CheckStorage());
            Add(CheckSignal());
            IMqttLink? link = _board.Link;
            if (link == null || !link.IsConnected)
            {
                Finish(new SelfTestCheck("mqtt", false, link == null ? "no MQTT link" : "not connected to the broker"));
                return;
            }
            try
            {
                var state = new StateMessage();
                state.Status = DeviceStatus.Online;
                state.Display = DisplayState.Unknown;
                _probeId = link.Publish(Topics.Build(TopicKind.State, _deviceId), state.Encode(), 1);
                _probeSentMs = _board.Clock == null ? 0 : _board.Clock.MonotonicMs;
            }
            catch (Exception e)
            {
                Finish(new SelfTestCheck("mqtt", false, Short(string.Concat("publish failed: ", e.Message))));
            }
        }

        /// <summary>Call from the loop until it returns true.</summary>
        public bool Step()
        {
            if (IsDone) return true;
            long now = _board.Clock == null ? 0 : _board.Clock.MonotonicMs;
            LinkEvent? e;
            while (_inbox != null && (e = _inbox.Take()) != null)
            {
                if (e.Kind == LinkEventKind.Published && e.MessageId == _probeId)
                {
                    Finish(new SelfTestCheck("mqtt", true, string.Concat("PUBACK after ", (now - _probeSentMs).ToString(), " ms")));
                    return true;
                }
                if (e.Kind == LinkEventKind.ConnectionLost)
                {
                    Finish(new SelfTestCheck("mqtt", false, "connection lost during the round trip"));
                    return true;
                }
            }
            if (now - _probeSentMs > _roundTripTimeoutMs)
                Finish(new SelfTestCheck("mqtt", false, string.Concat("no PUBACK within ", _roundTripTimeoutMs.ToString(), " ms")));
            return IsDone;
        }

        private void Finish(SelfTestCheck mqtt)
        {
            Add(mqtt);
            Add(CheckClock());
            if (_inbox != null) _inbox.Detach();
            var report = new SelfTestReport();
            IClock? clock = _board.Clock;
            report.UnixTime = UnixTime != 0 ? UnixTime : (clock != null && clock.IsWallTimeKnown ? (uint)clock.UnixSeconds : 0);
            var checks = new SelfTestCheck[_checkCount];
            Array.Copy(_checks, checks, _checkCount);
            report.Checks = checks;
            Report = report;
            IsDone = true;
            IMqttLink? link = _board.Link;
            if (link != null && link.IsConnected)
            {
                try { link.Publish(Topics.Build(TopicKind.SelfTest, _deviceId), report.Encode(), 1); }
                catch (Exception) { } // the console still has it
            }
            if (_sink == null) return;
            for (int i = 0; i < checks.Length; i++)
                _sink.WriteLine(string.Concat(checks[i].Passed ? "PASS " : "FAIL ", checks[i].Name, ": ", checks[i].Detail));
            _sink.WriteLine(report.AllPassed ? "self-test passed" : "self-test FAILED");
        }

        private void Add(SelfTestCheck check)
        {
            _checks[_checkCount++] = check;
        }

        /// <summary>A checkerboard of 8-pixel squares with a border: every source and gate line switches.</summary>
        private SelfTestCheck CheckDisplay()
        {
            IDisplay? display = _board.Display;
            if (display == null) return new SelfTestCheck("display", false, "no display");
            try
            {
                FrameBuffer frame = _board.Panel.CreateFrame();
                for (int y = 0; y < frame.Height; y += 8)
                    for (int x = (y / 8 % 2) * 8; x < frame.Width; x += 16)
                        frame.FillRect(x, y, 8, 8, Ink.Black);
                frame.DrawRect(0, 0, frame.Width, frame.Height, 2, frame.HasRed ? Ink.Red : Ink.Black);
                display.Show(frame.BlackPlane, frame.RedPlane, true);
                return new SelfTestCheck("display", true, string.Concat("test pattern ", frame.Width.ToString(), "x", frame.Height.ToString()));
            }
            catch (Exception e)
            {
                return new SelfTestCheck("display", false, Short(e.Message));
            }
        }

        private SelfTestCheck CheckScanner()
        {
            IScanner? scanner = _board.Scanner;
            if (scanner == null) return new SelfTestCheck("scanner", true, "none fitted");
            if (!scanner.IsPresent) return new SelfTestCheck("scanner", false, "no reply from the module");
            return scanner.Configure()
                ? new SelfTestCheck("scanner", true, "present and configured")
                : new SelfTestCheck("scanner", false, "did not confirm its configuration");
        }

        private SelfTestCheck CheckStorage()
        {
            IStorage? storage = _board.Storage;
            if (storage == null) return new SelfTestCheck("storage", false, "no storage");
            try
            {
                var data = new byte[64];
                long seed = _startMonotonicMs;
                for (int i = 0; i < data.Length; i++) data[i] = (byte)(seed + i * 37);
                storage.Write(ProbeFile, data, 0, data.Length);
                byte[]? back = storage.Read(ProbeFile);
                storage.Delete(ProbeFile);
                if (back == null || back.Length != data.Length) return new SelfTestCheck("storage", false, "read back a different length");
                for (int i = 0; i < data.Length; i++)
                    if (back[i] != data[i]) return new SelfTestCheck("storage", false, "read back different bytes");
                if (storage.Exists(ProbeFile)) return new SelfTestCheck("storage", false, "delete did not remove the file");
                return new SelfTestCheck("storage", true, "64 bytes written, read back, deleted");
            }
            catch (Exception e)
            {
                return new SelfTestCheck("storage", false, Short(e.Message));
            }
        }

        private SelfTestCheck CheckSignal()
        {
            ISignal? signal = _board.Signal;
            if (signal == null) return new SelfTestCheck("signal", false, "no radio");
            if (!signal.IsAssociated) return new SelfTestCheck("signal", false, "not associated with an access point");
            int rssi = signal.RssiDbm;
            return new SelfTestCheck("signal", rssi >= MinRssiDbm, string.Concat(rssi.ToString(), " dBm"));
        }

        /// <summary>Runs last: the monotonic clock must have moved forward (never back) during the test.</summary>
        private SelfTestCheck CheckClock()
        {
            IClock? clock = _board.Clock;
            if (clock == null) return new SelfTestCheck("clock", false, "no clock");
            long now = clock.MonotonicMs;
            if (now < _startMonotonicMs) return new SelfTestCheck("clock", false, "monotonic clock went back");
            string wall = clock.IsWallTimeKnown ? string.Concat("wall time ", clock.UnixSeconds.ToString()) : "wall time not set yet";
            return new SelfTestCheck("clock", true, string.Concat("monotonic ", now.ToString(), " ms; ", wall));
        }

        private static string Short(string text)
        {
            if (text == null) return "";
            return text.Length <= 90 ? text : text.Substring(0, 90);
        }
    }
}

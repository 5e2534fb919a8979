using System;
using System.Threading;
using Devices.Firmware.Core.Apps;
using Devices.Firmware.Core.Hal;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Hal.SerialConsole;
using Devices.Firmware.Hal.Wiring;

namespace Devices.ShelfLabel
{
    /// <summary>
    /// The shelf label: every wake is a reset. Wire the board, self-test after a real reset (not a timer or button
    /// wake), run the Core's ShelfLabelApp until it sleeps (its last step calls IPower.DeepSleep, which never returns).
    /// </summary>
    public static class Program
    {
        public const string FirmwareVersion = "1.0.0";

        public static void Main()
        {
            BoardWiring w;
            try
            {
                w = BoardWiring.Load("shelf-label");
                w.Wire(true);
            }
            catch (Exception e)
            {
                Console.WriteLine(string.Concat("DEVSELFTEST FAIL config: ", e.Message));
                Thread.Sleep(Timeout.Infinite);
                return;
            }
            if (w.Board.Power != null && w.Board.Power.WakeCause == WakeCause.Reset)
            {
                RunSelfTest(w);
                ShelfLabelApp.ForgetDrawnFrame(w.Board.Storage!); // the test pattern is on the panel; the app redraws the content
            }

            var options = new ShelfLabelOptions();
            options.FirmwareVersion = FirmwareVersion;
            var app = new ShelfLabelApp(w.Identity!, w.Board, options);
            while (!app.IsAsleep)
            {
                app.Step();
                Thread.Sleep(10);
            }
        }

        private static void RunSelfTest(BoardWiring w)
        {
            var sink = new SerialConsoleSink();
            sink.WriteLine(string.Concat("BEGIN ", w.Device.DeviceId, " ", FirmwareVersion));
            var link = w.Board.Link!;
            link.Connect(w.Device.DeviceId, w.Device.DeviceId, w.Identity!.MqttPassword, "", "", 30);
            var test = new SelfTest(w.Device.DeviceId, w.Board, sink, 5000);
            test.Start();
            while (!test.Step()) Thread.Sleep(50);
            sink.WriteLine(string.Concat("END ", test.Report!.Checks.Length.ToString()));
            link.Disconnect();
        }
    }
}

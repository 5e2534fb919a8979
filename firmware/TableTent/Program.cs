using System;
using System.Threading;
using Devices.Firmware.Core.Apps;
using Devices.Firmware.Hal.SerialConsole;
using Devices.Firmware.Hal.Wiring;

namespace Devices.TableTent
{
    /// <summary>The table tent: wire the board, self-test after a reset, then run the Core's TableTentApp loop.</summary>
    public static class Program
    {
        public const string FirmwareVersion = "1.0.0";

        public static void Main()
        {
            BoardWiring w;
            try
            {
                w = BoardWiring.Load("table-tent");
                w.Wire(true);
            }
            catch (Exception e)
            {
                // Unprovisioned or mis-provisioned: say so on the console and stop (the LED stays off).
                Console.WriteLine(string.Concat("DEVSELFTEST FAIL config: ", e.Message));
                Thread.Sleep(Timeout.Infinite);
                return;
            }
            if (w.Board.Power != null && w.Board.Power.WakeCause == Devices.Firmware.Core.Protocol.WakeCause.Reset) RunSelfTest(w);

            var options = new TableTentOptions();
            options.FirmwareVersion = FirmwareVersion;
            var app = new TableTentApp(w.Identity!, w.Board, options);
            while (true)
            {
                app.Step();
                Thread.Sleep(20); // the scanner at 9600 baud fills ~20 bytes in 20 ms; the UART buffer holds far more
            }
        }

        /// <summary>The factory/field self-test (hardware/README.md): report on the console and to the gateway.</summary>
        internal static void RunSelfTest(BoardWiring w)
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

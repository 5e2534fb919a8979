using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Net.Http;

namespace Devices.Cli.SelfTest;

/// <summary>`devices selftest`: a board's self-test report, from its serial console or from the gateway.</summary>
public static class SelfTestCommand
{
    public const int Failed = 5;
    public const int NoReport = 6;

    public static Command Create()
    {
        var port = new Option<string?>("--port") { Description = "Serial port of the board (reads the report it prints at boot)." };
        var baud = new Option<int>("--baud") { Description = "Console speed.", DefaultValueFactory = _ => SerialReport.DefaultBaud };
        var reset = new Option<bool>("--reset") { Description = "Reset the board through RTS first (the self-test runs at every reset)." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the report.", DefaultValueFactory = _ => 90 };
        var gateway = new Option<string?>("--gateway") { Description = "Gateway base URL: read the report the device sent over MQTT." };
        var apiKey = new Option<string?>("--api-key") { Description = "Gateway API key." };
        var id = new Option<string?>("--id") { Description = "Device id (with --gateway)." };
        var request = new Option<bool>("--request") { Description = "With --gateway: ask the device to run a new self-test and wait for it." };
        var command = new Command("selftest", "Show a board's self-test report (display, scanner, storage, Wi-Fi, MQTT, clock) and fail when a check failed.")
        {
            port, baud, reset, timeout, gateway, apiKey, id, request,
        };
        command.SetAction(parse => UserError.Guard(parse, output =>
        {
            var wait = TimeSpan.FromSeconds(parse.GetValue(timeout));
            var p = parse.GetValue(port);
            var g = parse.GetValue(gateway);
            if ((p == null) == (g == null)) throw new UserError("Give either --port (serial) or --gateway with --api-key and --id.");
            if (p != null)
            {
                var t = SerialReport.Read(p, parse.GetValue(baud), wait, parse.GetValue(reset), output);
                if (!t.IsComplete)
                {
                    throw new UserError(t.Problem != null
                        ? $"Incomplete report: {t.Problem}."
                        : $"No complete self-test report within {wait.TotalSeconds:0} s. Reset the board (or use --reset) and check --baud.", NoReport);
                }
                return Summarise(output, t.DeviceId ?? "?", t.Checks);
            }
            var key = parse.GetValue(apiKey) ?? throw new UserError("--gateway needs --api-key.");
            var deviceId = parse.GetValue(id) ?? throw new UserError("--gateway needs --id.");
            if (!Uri.TryCreate(g!.EndsWith('/') ? g : g + "/", UriKind.Absolute, out var uri)) throw new UserError($"--gateway '{g}' is not a URL.");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var report = parse.GetValue(request)
                ? GatewayReport.RequestAndWait(http, uri, key, deviceId, wait, TimeSpan.FromSeconds(2))
                : GatewayReport.Fetch(http, uri, key, deviceId);
            if (report == null) throw new UserError($"The gateway has no self-test report for '{deviceId}' yet.", NoReport);
            output.WriteLine($"Report of {deviceId} from {DateTimeOffset.FromUnixTimeSeconds(report.UnixTime):u}:");
            foreach (var c in report.Checks) output.WriteLine($"  {(c.Passed ? "PASS" : "FAIL")} {c.Name}: {c.Detail}");
            return Summarise(output, deviceId, report.Checks);
        }));
        return command;
    }

    private static int Summarise(TextWriter output, string deviceId, IReadOnlyList<SelfTestLine> checks)
    {
        int failed = 0;
        foreach (var c in checks) if (!c.Passed) failed++;
        output.WriteLine(failed == 0 && checks.Count > 0
            ? $"{deviceId}: self-test passed ({checks.Count} checks)."
            : $"{deviceId}: self-test FAILED ({failed} of {checks.Count} checks).");
        return failed == 0 && checks.Count > 0 ? 0 : Failed;
    }
}

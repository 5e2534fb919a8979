using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Devices.Gateway.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Tests.Service;

public class OptionsValidationTests
{
    private static async Task<string> StartupErrorAsync(params string[] args)
    {
        var folder = Path.Combine(Path.GetTempPath(), "gw-opts-" + Guid.NewGuid().ToString("N"));
        var all = new[] { "--urls=http://127.0.0.1:0", "--Storage:DataFolder=" + folder, "--Mqtt:BindAddress=127.0.0.1" };
        var app = Program.Build([.. all, .. args]);
        try
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
            return StartupFailure.Describe(e) ?? throw new Xunit.Sdk.XunitException("Not described as a startup failure: " + e);
        }
        finally
        {
            try { await app.DisposeAsync(); } catch (ObjectDisposedException) { }
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }

    [Theory]
    [InlineData("--Mqtt:Port=70000", "Mqtt:Port must be from 1 to 65535 (or 0 for any free port), not 70000.")]
    [InlineData("--Mqtt:BindAddress=localhost", "Mqtt:BindAddress 'localhost' is not an IP address")]
    [InlineData("--Mqtt:CertificatePath=/nonexistent/gateway.pfx", "Mqtt:CertificatePath '/nonexistent/gateway.pfx' does not exist")]
    [InlineData("--Mqtt:Mode=External", "Mqtt:External:Host is required when Mqtt:Mode is External.")]
    [InlineData("--Reconciliation:RetryInitial=00:00:00", "Reconciliation:RetryInitial must be above 0")]
    [InlineData("--Mqtt:Port=abc", "'Mqtt:Port'")]
    public async Task Bad_options_stop_the_start_with_one_clear_sentence(string arg, string expected)
    {
        string line = await StartupErrorAsync(arg);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("\n", line);
    }

    [Fact]
    public async Task A_port_in_use_is_one_clear_sentence()
    {
        var blocker = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        int port = ((System.Net.IPEndPoint)blocker.LocalEndpoint).Port;
        try
        {
            string line = await StartupErrorAsync($"--Mqtt:Port={port}");
            Assert.StartsWith($"The MQTT broker cannot listen on 127.0.0.1 port {port}", line);
        }
        finally { blocker.Stop(); }
    }

    [Fact]
    public void The_real_process_exits_non_zero_with_one_line_and_no_stack_trace()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Devices.Gateway.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing");
        var folder = Path.Combine(Path.GetTempPath(), "gw-proc-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet", [dll, "--urls=http://127.0.0.1:0", "--Storage:DataFolder=" + folder, "--Mqtt:Port=99999"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        using var process = Process.Start(start)!;
        string stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "the gateway did not exit");
        try { Directory.Delete(folder, true); } catch (IOException) { }

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("devices-gateway: cannot start: Mqtt:Port must be from 1 to 65535 (or 0 for any free port), not 99999.", stderr.Trim());
    }
}

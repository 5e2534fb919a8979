using System.Linq;
using System.Text.Json;

namespace Devices.Hardware.Tests.SelfTest;

public class GatewaySelfTestTests
{
    private static string ReportJson(long time, bool mqttPassed) => JsonSerializer.Serialize(new
    {
        deviceId = "label-3",
        unixTime = time,
        checks = new[] { new { name = "display", passed = true, detail = "ok" }, new { name = "mqtt", passed = mqttPassed, detail = "PUBACK after 40 ms" } },
    });

    [Fact]
    public void ShowsTheGatewaysReport()
    {
        using var gateway = new GatewayStub(r => r.Path == "/api/devices/label-3/selftest" && r.ApiKey == "k" ? (200, ReportJson(1_700_000_000, true)) : (404, "{}"));
        var (code, output, error) = Cli.Run("selftest", "--gateway", gateway.BaseUrl.ToString(), "--api-key", "k", "--id", "label-3");
        Assert.True(code == 0, error);
        Assert.Contains("PASS mqtt: PUBACK after 40 ms", output);
        Assert.Contains("label-3: self-test passed (2 checks)", output);
        Assert.Contains("2023-11-14", output);
    }

    [Fact]
    public void RequestWaitsForANewerReport()
    {
        int gets = 0;
        using var gateway = new GatewayStub(r =>
        {
            if (r.Method == "POST") return (202, "{}");
            gets++;
            return (200, ReportJson(gets < 3 ? 1000 : 2000, false));
        });
        var (code, output, _) = Cli.Run("selftest", "--gateway", gateway.BaseUrl.ToString(), "--api-key", "k", "--id", "label-3", "--request", "--timeout", "20");
        Assert.Equal(5, code);
        Assert.Contains("FAIL mqtt", output);
        Assert.Single(gateway.Requests, r => r.Method == "POST");
        Assert.True(gets >= 3);
    }

    [Fact]
    public void NoReportYetIsAClearError()
    {
        using var gateway = new GatewayStub(_ => (404, "{}"));
        var (code, _, error) = Cli.Run("selftest", "--gateway", gateway.BaseUrl.ToString(), "--api-key", "k", "--id", "label-3");
        Assert.Equal(6, code);
        Assert.Contains("no self-test report for 'label-3'", error);
    }
}

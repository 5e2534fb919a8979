namespace Devices.Gateway.Telemetry;

/// <summary>Configuration section "Telemetry".</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The gateway's own meters: "Devices.Gateway" and every "Devices.Gateway.*" (e.g. Devices.Gateway.Mqtt).</summary>
    public const string MeterName = "Devices.Gateway";

    /// <summary>Path of the Prometheus scraping endpoint (public, like /health).</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>OTLP collector, e.g. "http://127.0.0.1:4317"; metrics are exported there only when set.</summary>
    public string? OtlpEndpoint { get; set; }
}

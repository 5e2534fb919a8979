using Devices.Gateway.Mqtt;
using Devices.Gateway.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Api;

/// <summary>
/// GET /health (public): "ok" with 200 while the broker side is up (the embedded broker running, or connected to
/// the external broker); "degraded" with 503 otherwise. Also the number of scans waiting in the outbox.
/// </summary>
public static class HealthEndpoint
{
    public static WebApplication MapGatewayHealth(this WebApplication app)
    {
        app.MapGet("/health", (IOptions<MqttOptions> mqtt, EmbeddedMqttServer embedded, ExternalBroker external, ScanOutbox outbox) =>
        {
            var o = mqtt.Value;
            // Embedded with no listener configured (Port 0, no certificate) serves no devices by choice: not a failure.
            bool listening = o.Port > 0 || !string.IsNullOrEmpty(o.CertificatePath);
            bool brokerUp = o.Mode == MqttMode.External ? external.IsReady : !listening || embedded.IsRunning;
            var body = new HealthReport(brokerUp ? "ok" : "degraded", o.Mode == MqttMode.External ? "external" : "embedded",
                brokerUp, outbox.PendingCount());
            return Results.Json(body, statusCode: brokerUp ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().WithTags("Health").WithSummary("Liveness and readiness: broker up, scans waiting in the outbox.");
        return app;
    }
}

public sealed record HealthReport(string Status, string Broker, bool BrokerReady, long OutboxPending);

namespace Devices.Gateway.DemoBackend;

/// <summary>
/// Configuration section "DemoBackend". Enabled (by --demo): a webhook receiver on the gateway's own port at
/// /demo-backend/webhooks, and the relay points at it unless Relay:Url says otherwise.
/// </summary>
public sealed class DemoBackendOptions
{
    public const string Section = "DemoBackend";
    public const string WebhookPath = "/demo-backend/webhooks";

    public bool Enabled { get; set; }

    /// <summary>Received events kept in memory.</summary>
    public int MaxEvents { get; set; } = 200;

    /// <summary>What the demo backend asks devices to show after a scan.</summary>
    public string ReplyText { get; set; } = "Thanks!";

    public uint ReplySeconds { get; set; } = 5;
}

using System;
using System.Collections.Generic;
using Devices.Gateway.Webhooks;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Relay;

/// <summary>Configuration section "Relay": where scans go and how hard the gateway tries.</summary>
public sealed class RelayOptions
{
    public const string Section = "Relay";

    /// <summary>
    /// The backend's webhook URL (http or https). A path such as "/demo-backend/webhooks" means this gateway's own
    /// address. Empty: no backend; scans are stored and wait.
    /// </summary>
    public string Url { get; set; } = "";

    /// <summary>The Standard Webhooks signing secret, "whsec_" + base64. Required with <see cref="Url"/>.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Scans per request; 1 sends each scan alone ("type": "scan"), more sends "scan.batch" bodies.</summary>
    public int BatchSize { get; set; } = 1;

    /// <summary>Requests in flight at once (each device is in at most one).</summary>
    public int MaxConcurrentRequests { get; set; } = 32;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Backoff after the first failure; doubles each attempt up to <see cref="RetryCap"/>, with full jitter.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryCap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after its first failure an event keeps being retried before it becomes a dead letter.</summary>
    public TimeSpan RetryHorizon { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>Start-up validation with one clear message per problem.</summary>
public sealed class RelayOptionsValidator : IValidateOptions<RelayOptions>
{
    public ValidateOptionsResult Validate(string? name, RelayOptions o)
    {
        var errors = new List<string>();
        if (o.Url.Length > 0)
        {
            bool relative = o.Url.StartsWith('/');
            if (!relative && !(Uri.TryCreate(o.Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
                errors.Add($"Relay:Url must be an http(s) URL or a path on this gateway; got \"{o.Url}\".");
            if (!WebhookSecret.TryParse(o.Secret, out _, out var secretError))
                errors.Add(o.Secret.Length == 0 ? "Relay:Secret is required when Relay:Url is set (whsec_ + base64)." : "Relay:Secret: " + secretError);
        }
        if (o.BatchSize is < 1 or > 1000) errors.Add($"Relay:BatchSize must be 1..1000; got {o.BatchSize}.");
        if (o.MaxConcurrentRequests is < 1 or > 256) errors.Add($"Relay:MaxConcurrentRequests must be 1..256; got {o.MaxConcurrentRequests}.");
        if (o.RequestTimeout <= TimeSpan.Zero) errors.Add("Relay:RequestTimeout must be positive.");
        if (o.RetryBase <= TimeSpan.Zero) errors.Add("Relay:RetryBase must be positive.");
        if (o.RetryCap < o.RetryBase) errors.Add("Relay:RetryCap must be at least Relay:RetryBase.");
        if (o.RetryHorizon <= TimeSpan.Zero) errors.Add("Relay:RetryHorizon must be positive.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

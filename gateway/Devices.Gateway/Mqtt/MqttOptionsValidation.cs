using System.Collections.Generic;
using System.IO;
using System.Net;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Mqtt;

/// <summary>Checks "Mqtt" at start; each failure is one sentence that names the setting and says what to fix.</summary>
public sealed class MqttOptionsValidation : IValidateOptions<MqttOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttOptions o)
    {
        var errors = new List<string>();
        if (o.Mode == MqttMode.Embedded)
        {
            if (!IPAddress.TryParse(o.BindAddress, out _))
                errors.Add($"Mqtt:BindAddress '{o.BindAddress}' is not an IP address (use 0.0.0.0 for every interface or 127.0.0.1 for this machine only).");
            if (o.Port < 0 || o.Port > 65535) errors.Add($"Mqtt:Port must be from 1 to 65535 (or 0 for any free port), not {o.Port}.");
            bool tls = !string.IsNullOrEmpty(o.CertificatePath);
            if (tls && !File.Exists(o.CertificatePath))
                errors.Add($"Mqtt:CertificatePath '{o.CertificatePath}' does not exist (a .pfx file with the certificate and its key).");
            if (tls && (o.TlsPort < 1 || o.TlsPort > 65535)) errors.Add($"Mqtt:TlsPort must be from 1 to 65535, not {o.TlsPort}.");
            if (tls && o.PlainTcp && o.TlsPort == o.Port) errors.Add($"Mqtt:TlsPort and Mqtt:Port are both {o.Port}; use two ports.");
            if (!o.PlainTcp && !tls) errors.Add("Mqtt:PlainTcp is false and no Mqtt:CertificatePath is set: the broker would have no listener.");
            if (o.ConnectionBacklog < 1) errors.Add($"Mqtt:ConnectionBacklog must be at least 1, not {o.ConnectionBacklog}.");
        }
        else
        {
            var e = o.External;
            if (string.IsNullOrWhiteSpace(e.Host)) errors.Add("Mqtt:External:Host is required when Mqtt:Mode is External.");
            if (e.Port < 1 || e.Port > 65535) errors.Add($"Mqtt:External:Port must be from 1 to 65535, not {e.Port}.");
            if (string.IsNullOrWhiteSpace(e.ClientId)) errors.Add("Mqtt:External:ClientId must not be empty.");
            if (!string.IsNullOrEmpty(e.CaCertificatePath) && !File.Exists(e.CaCertificatePath))
                errors.Add($"Mqtt:External:CaCertificatePath '{e.CaCertificatePath}' does not exist.");
            if (e.ReconnectMinSeconds <= 0 || e.ReconnectMaxSeconds < e.ReconnectMinSeconds)
                errors.Add("Mqtt:External:ReconnectMinSeconds must be above 0 and at most ReconnectMaxSeconds.");
            if (e.SharedSubscriptions && (e.ShareGroup.Length == 0 || e.ShareGroup.IndexOfAny(['/', '+', '#']) >= 0))
                errors.Add($"Mqtt:External:ShareGroup '{e.ShareGroup}' must be a non-empty name without '/', '+' or '#'.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

namespace Devices.Gateway.Mqtt;

public enum MqttMode
{
    /// <summary>The gateway runs the broker itself (MQTTnet): one process, nothing else to install.</summary>
    Embedded,
    /// <summary>Devices connect to Mosquitto, EMQX, HiveMQ, ...; the gateway is a client of it.</summary>
    External,
}

/// <summary>Configuration section "Mqtt". Checked at start by <see cref="MqttOptionsValidation"/>.</summary>
public sealed class MqttOptions
{
    public const string Section = "Mqtt";

    public MqttMode Mode { get; set; } = MqttMode.Embedded;

    /// <summary>Embedded: the address the plain-TCP listener binds to ("0.0.0.0" = every interface).</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>Embedded: plain TCP port (1883); 0 = any free port (tests that do not use MQTT).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Embedded: false = no plain-TCP listener (TLS only; needs <see cref="CertificatePath"/>).</summary>
    public bool PlainTcp { get; set; } = true;

    /// <summary>Embedded: a PKCS#12 (.pfx) file with the server certificate and key; set = TLS listener on <see cref="TlsPort"/>.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    public int TlsPort { get; set; } = 8883;

    /// <summary>Embedded: pending TCP connections; high so 10,000 devices reconnecting after a power cut are not refused.</summary>
    public int ConnectionBacklog { get; set; } = 2000;

    public ExternalBrokerOptions External { get; set; } = new();
}

/// <summary>Configuration section "Mqtt:External": the broker the gateway connects to in External mode.</summary>
public sealed class ExternalBrokerOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 1883;
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    /// <summary>Client id of the gateway; each gateway instance needs its own (the broker keeps its session).</summary>
    public string ClientId { get; set; } = "devices-gateway";
    public bool UseTls { get; set; }
    /// <summary>Optional CA certificate (PEM or DER) the broker's certificate must chain to; empty = the system's trust store.</summary>
    public string? CaCertificatePath { get; set; }
    /// <summary>Subscribe to $share/{ShareGroup}/dev/+/+ (MQTT 5 shared subscription) so several gateways split the load.</summary>
    public bool SharedSubscriptions { get; set; }
    public string ShareGroup { get; set; } = "gateways";
    /// <summary>First wait before reconnecting; doubles up to <see cref="ReconnectMaxSeconds"/>.</summary>
    public double ReconnectMinSeconds { get; set; } = 1;
    public double ReconnectMaxSeconds { get; set; } = 30;
    /// <summary>Session expiry the broker keeps our subscription and unacknowledged messages for while we are away.</summary>
    public uint SessionExpirySeconds { get; set; } = 86400;
}

namespace Devices.Gateway.Registry;

/// <summary>The body of POST /api/devices.</summary>
public sealed class ProvisionRequest
{
    /// <summary>Optional; 1-32 characters of a-z, 0-9 and '-'. Generated ("tent-7k2m9q") when missing.</summary>
    public string? Id { get; set; }

    /// <summary>"tent" or "label".</summary>
    public string? Kind { get; set; }

    /// <summary>"2.13", "2.9" (default) or "4.2".</summary>
    public string? Panel { get; set; }

    /// <summary>A black/white/red panel.</summary>
    public bool Red { get; set; }

    /// <summary>Display name: the table's name for a tent, a shelf place for a label. At most 64 characters.</summary>
    public string? Name { get; set; }

    /// <summary>Optional product SKU a label is bound to (bulk price updates find labels by it).</summary>
    public string? Sku { get; set; }
}

using System.Collections.Generic;

namespace Devices.Gateway.Api;

/// <summary>Configuration section "Api": the keys allowed to call /api.</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Api";

    /// <summary>Named keys; the name appears in logs and claims, the key never does.</summary>
    public List<ApiKey> Keys { get; set; } = new();
}

public sealed class ApiKey
{
    /// <summary>Who holds this key (e.g. "backend", "ops").</summary>
    public string Name { get; set; } = "";

    /// <summary>The secret; at least 16 characters.</summary>
    public string Key { get; set; } = "";
}

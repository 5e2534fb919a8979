using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.Api;

/// <summary>Finds which configured key a request presented, comparing in constant time.</summary>
public sealed class ApiKeyCheck
{
    private readonly (string Name, byte[] Hash)[] _keys;

    public ApiKeyCheck(IOptions<ApiKeyOptions> options)
    {
        // Compare SHA-256 digests: equal length always, so neither content nor length leaks through timing.
        _keys = options.Value.Keys.Select(k => (k.Name, SHA256.HashData(Encoding.UTF8.GetBytes(k.Key)))).ToArray();
    }

    /// <summary>The key's name, or null when the presented key matches none.</summary>
    public string? Match(string presented)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? name = null;
        foreach (var key in _keys)
        {
            // No early exit: every key is compared.
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash)) name ??= key.Name;
        }
        return name;
    }
}

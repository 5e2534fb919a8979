using System;
using System.Linq;
using Devices.Gateway.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.StaffConsole;

/// <summary>Checks a name and password against the configured accounts, or an API key against the configured keys.</summary>
public sealed class ConsoleAccounts(IOptions<ConsoleOptions> options, IOptions<ApiKeyOptions> keyOptions, ApiKeyCheck apiKeys)
{
    public const string ViaAccount = "account";
    public const string ViaApiKey = "apiKey";

    private static readonly PasswordHasher<ConsoleAccount> Hasher = new();
    // Unknown names are checked against this hash too, so a wrong name takes as long as a wrong password.
    private static readonly string DummyHash = Hasher.HashPassword(new ConsoleAccount(), Guid.NewGuid().ToString());

    /// <summary>The account's configured name when the password is right; null otherwise.</summary>
    public string? CheckPassword(string name, string password)
    {
        var account = options.Value.Accounts.FirstOrDefault(a => string.Equals(a.Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));
        var result = Hasher.VerifyHashedPassword(account ?? new ConsoleAccount(), account?.PasswordHash ?? DummyHash, password);
        return account is not null && result != PasswordVerificationResult.Failed ? account.Name.Trim() : null;
    }

    /// <summary>The key's configured name when the key is valid; null otherwise.</summary>
    public string? CheckApiKey(string key) => apiKeys.Match(key);

    /// <summary>False once the account or key a session was made with is no longer configured (ends that session).</summary>
    public bool StillExists(string name, string via) => via == ViaApiKey
        ? keyOptions.Value.Keys.Any(k => k.Name == name)
        : options.Value.Accounts.Any(a => string.Equals(a.Name.Trim(), name, StringComparison.OrdinalIgnoreCase));

    public static string Hash(string password) => Hasher.HashPassword(new ConsoleAccount(), password);

    /// <summary>True when <paramref name="hash"/> looks like an Identity v3 hash (format byte 0x01, PBKDF2).</summary>
    public static bool IsHash(string hash)
    {
        var bytes = new byte[hash.Length];
        return Convert.TryFromBase64String(hash, bytes, out int n) && n > 13 && bytes[0] == 0x01;
    }
}

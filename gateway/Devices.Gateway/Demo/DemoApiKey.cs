using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace Devices.Gateway.Demo;

/// <summary>The API key --demo adds for this run (made up at start and printed), so the demo's API can be tried at once.</summary>
public sealed class DemoApiKey(IConfiguration configuration)
{
    public const string KeyPath = "Api:Keys:demo:Key";

    public const string ConsoleAccountName = "staff";
    public const string ConsoleAccountPath = "Console:Accounts:demo";
    public const string ConsolePasswordPath = "Demo:ConsolePassword";

    public string Key => configuration[KeyPath] ?? "(none: not in --demo mode)";

    /// <summary>The demo console account's password (only --demo keeps a password in plain text, in memory).</summary>
    public string ConsolePassword => configuration[ConsolePasswordPath] ?? "(none: not in --demo mode)";

    public static string Generate() => "demo-" + System.Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>Easy to type on a phone: 3 groups of 4 lowercase letters and digits without look-alikes.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        var chars = new char[14];
        for (int i = 0; i < chars.Length; i++) chars[i] = (i == 4 || i == 9) ? '-' : alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return new string(chars);
    }
}

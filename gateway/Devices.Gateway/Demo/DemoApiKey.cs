using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace Devices.Gateway.Demo;

/// <summary>The API key --demo adds for this run (made up at start and printed), so the demo's API can be tried at once.</summary>
public sealed class DemoApiKey(IConfiguration configuration)
{
    public const string KeyPath = "Api:Keys:demo:Key";

    public string Key => configuration[KeyPath] ?? "(none: not in --demo mode)";

    public static string Generate() => "demo-" + System.Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace Devices.Gateway.Demo;

/// <summary>
/// The --demo switch: removed from the arguments (it is not a key=value setting) and turned into settings that
/// sit above appsettings.json but below environment variables and the command line, so those still win.
/// </summary>
public static class DemoSettings
{
    public static bool TakeSwitch(ref string[] args)
    {
        if (!args.Contains("--demo")) return false;
        args = args.Where(a => a != "--demo").ToArray();
        return true;
    }

    public static void Apply(ConfigurationManager configuration)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["DemoBackend:Enabled"] = "true",
            ["Mqtt:Mode"] = "Embedded",
            ["Mqtt:BindAddress"] = "127.0.0.1",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            // An extra API key for this run (the child name "demo" does not clash with configured keys 0, 1, ...).
            ["Api:Keys:demo:Name"] = "demo",
            [DemoApiKey.KeyPath] = DemoApiKey.Generate(),
        };
        // A staff console account for this run; its password is printed with the URLs (only the hash is a setting).
        string password = DemoApiKey.GeneratePassword();
        defaults[DemoApiKey.ConsoleAccountPath + ":Name"] = DemoApiKey.ConsoleAccountName;
        defaults[DemoApiKey.ConsoleAccountPath + ":PasswordHash"] = Devices.Gateway.StaffConsole.ConsoleAccounts.Hash(password);
        defaults[DemoApiKey.ConsolePasswordPath] = password;
        var sources = ((IConfigurationBuilder)configuration).Sources;
        int afterJson = 0;
        for (int i = 0; i < sources.Count; i++) if (sources[i] is JsonConfigurationSource) afterJson = i + 1;
        sources.Insert(afterJson, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = defaults });
        _ = configuration["Demo:Enabled"] ?? throw new InvalidOperationException("Demo settings were not applied.");
    }
}

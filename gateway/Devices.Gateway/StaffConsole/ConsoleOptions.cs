using System.Collections.Generic;

namespace Devices.Gateway.StaffConsole;

/// <summary>
/// Configuration section "Console": the staff accounts allowed to sign in to the console. Passwords are stored as
/// ASP.NET Core Identity hashes (PBKDF2), made with <c>Devices.Gateway hash-password</c>; never as plain text.
/// Every API key of "Api:Keys" can sign in too.
/// </summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    public List<ConsoleAccount> Accounts { get; set; } = new();

    /// <summary>How long a sign-in lasts without using the console (sliding), in hours.</summary>
    public double SessionHours { get; set; } = 12;
}

public sealed class ConsoleAccount
{
    /// <summary>What the person types as their name (compared case-insensitively).</summary>
    public string Name { get; set; } = "";

    /// <summary>The output of <c>Devices.Gateway hash-password</c>.</summary>
    public string PasswordHash { get; set; } = "";
}

using System;
using System.IO;
using System.Text;

namespace Devices.Gateway.StaffConsole;

/// <summary>
/// <c>Devices.Gateway hash-password</c> (or <c>dotnet run --project gateway/Devices.Gateway -- hash-password</c>):
/// reads a password (typed twice without echo on a terminal, or one line from a pipe) and prints the hash to put in
/// "Console:Accounts:N:PasswordHash".
/// </summary>
public static class PasswordHashCommand
{
    public const string Name = "hash-password";
    public const int MinLength = 8;

    public static int Run(TextReader input, TextWriter output, TextWriter error, bool interactive)
    {
        string? password;
        if (interactive)
        {
            password = ReadHidden(error, "Password: ");
            var again = ReadHidden(error, "Same password again: ");
            if (password != again)
            {
                error.WriteLine("hash-password: the two passwords differ; nothing was made.");
                return 1;
            }
        }
        else
        {
            password = input.ReadLine();
        }
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
        {
            error.WriteLine($"hash-password: a console password needs at least {MinLength} characters.");
            return 1;
        }
        output.WriteLine(ConsoleAccounts.Hash(password));
        if (interactive)
        {
            error.WriteLine("Put it in appsettings.json under Console:Accounts, e.g.");
            error.WriteLine("  \"Console\": { \"Accounts\": [ { \"Name\": \"anna\", \"PasswordHash\": \"<the line above>\" } ] }");
        }
        return 0;
    }

    private static string ReadHidden(TextWriter prompt, string text)
    {
        prompt.Write(text);
        var typed = new StringBuilder();
        while (true)
        {
            var key = System.Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; continue; }
            if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        prompt.WriteLine();
        return typed.ToString();
    }
}

using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Devices.Gateway.StaffConsole;

/// <summary>The staff console's two lines in Program.cs: sign-in, files, live events, table endpoints.</summary>
public static class StaffConsoleExtensions
{
    public static IServiceCollection AddStaffConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.Section))
            .Validate(o => o.Accounts.All(a => a.Name.Trim().Length > 0), "Console:Accounts: every account needs a Name.")
            .Validate(o => o.Accounts.All(a => ConsoleAccounts.IsHash(a.PasswordHash)),
                "Console:Accounts: every account needs a PasswordHash made with `Devices.Gateway hash-password` (plain-text passwords are not accepted).")
            .Validate(o => o.Accounts.Select(a => a.Name.Trim().ToUpperInvariant()).Distinct().Count() == o.Accounts.Count, "Console:Accounts: names must be unique.")
            .Validate(o => o.SessionHours > 0 && o.SessionHours <= 24 * 90, "Console:SessionHours must be above 0 and at most 2160 (90 days).")
            .ValidateOnStart();
        services.AddSingleton<ConsoleAccounts>();
        services.TryAddSingleton(System.TimeProvider.System);
        services.AddSingleton<SignInThrottle>();
        services.AddConsoleAuthentication(configuration);
        services.AddSingleton<ConsoleEvents>();
        services.AddSingleton<ConsolePoller>();
        services.AddHostedService(sp => sp.GetRequiredService<ConsolePoller>());
        return services;
    }

    public static WebApplication MapStaffConsole(this WebApplication app)
    {
        app.MapConsoleSignIn();
        app.MapConsoleFiles();
        app.MapConsoleEvents();
        app.MapConsoleTables();
        return app;
    }
}

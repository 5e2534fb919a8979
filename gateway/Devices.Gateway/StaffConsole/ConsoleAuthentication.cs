using System;
using System.IO;
using System.Linq;
using System.Security.Claims;
using System.Threading.Tasks;
using Devices.Gateway.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Devices.Gateway.StaffConsole;

/// <summary>
/// The console's cookie sign-in, and the one authorization policy of /api and /console: an API key (X-Api-Key or
/// Authorization: Bearer) or the console cookie. A cookie request that changes something must also carry
/// "X-Console: 1": another site can make a browser send the cookie, but not that header.
/// </summary>
public static class ConsoleAuthentication
{
    public const string CookieScheme = "ConsoleCookie";
    public const string ApiKeyOrCookieScheme = "ApiKeyOrConsoleCookie";
    public const string CookieName = "devices_console";
    public const string CsrfHeader = "X-Console";
    public const string ViaClaim = "via";

    public static IServiceCollection AddConsoleAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        // Session cookies stay valid across restarts: the keys that protect them live in the data folder.
        string dataFolder = configuration["Storage:DataFolder"] ?? "data";
        services.AddDataProtection().SetApplicationName("devices-gateway")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(Path.Combine(dataFolder, "console-keys"))));
        // Those keys are protected like the database next to them (file permissions), not encrypted: say so once in
        // docs/console.md instead of warning at every start.
        services.AddLogging(b => b.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error));

        services.AddAuthentication()
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Cookie.Path = "/";
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = NotSignedInAsync;
                o.Events.OnRedirectToAccessDenied = ForbiddenAsync;
                o.Events.OnValidatePrincipal = ValidateAsync;
            })
            .AddPolicyScheme(ApiKeyOrCookieScheme, null, o =>
                o.ForwardDefaultSelector = http => PresentsApiKey(http.Request) ? ApiKeyAuthenticationHandler.SchemeName : CookieScheme);
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<IOptions<ConsoleOptions>>((cookie, console) =>
            cookie.ExpireTimeSpan = TimeSpan.FromHours(console.Value.SessionHours));

        // Replaces the API-key-only policy every /api group already requires, so the console can call them too.
        services.Configure<AuthorizationOptions>(o => o.AddPolicy(ApiServiceCollectionExtensions.Policy, p => p
            .AddAuthenticationSchemes(ApiKeyOrCookieScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new ConsoleCsrfRequirement())));
        services.AddSingleton<IAuthorizationHandler, ConsoleCsrfHandler>();
        return services;
    }

    public static bool PresentsApiKey(HttpRequest request) =>
        request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) || request.Headers.ContainsKey("Authorization");

    public static ClaimsPrincipal Principal(string name, string via) =>
        new(new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, name), new Claim(ViaClaim, via) }, CookieScheme));

    /// <summary>A page opened in the browser goes to the sign-in page; anything else gets a 401 saying what to do.</summary>
    private static Task NotSignedInAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var http = context.HttpContext;
        if (IsPageNavigation(http.Request))
        {
            var back = http.Request.Path + http.Request.QueryString;
            http.Response.Redirect("/console/signin.html?return=" + Uri.EscapeDataString(back));
            return Task.CompletedTask;
        }
        return Problem(http, StatusCodes.Status401Unauthorized, "Unauthorized",
            "An API key is required: send it in the X-Api-Key header or as Authorization: Bearer <key>; or sign in to the staff console at /console/.");
    }

    private static Task ForbiddenAsync(RedirectContext<CookieAuthenticationOptions> context) =>
        Problem(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden",
            "A console request that changes something must carry the header \"" + CsrfHeader + ": 1\".");

    /// <summary>A session ends as soon as its account or API key is removed from the configuration.</summary>
    private static Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<ConsoleAccounts>();
        var name = context.Principal?.Identity?.Name;
        var via = context.Principal?.FindFirst(ViaClaim)?.Value;
        if (name is null || via is null || !accounts.StillExists(name, via)) context.RejectPrincipal();
        return Task.CompletedTask;
    }

    private static bool IsPageNavigation(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Path.StartsWithSegments("/console")
        && !request.Path.StartsWithSegments("/console/events")
        && !request.Path.StartsWithSegments("/console/api")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static async Task Problem(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized) http.Response.Headers.WWWAuthenticate = "Bearer";
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = status, Title = title, Detail = detail } });
    }
}

/// <summary>The CSRF guard: cookie requests with POST, PUT, PATCH or DELETE need "X-Console: 1".</summary>
public sealed class ConsoleCsrfRequirement : IAuthorizationRequirement;

public sealed class ConsoleCsrfHandler : AuthorizationHandler<ConsoleCsrfRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ConsoleCsrfRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        bool viaCookie = context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == ConsoleAuthentication.CookieScheme);
        if (!viaCookie || http is null || IsSafe(http.Request.Method)
            || http.Request.Headers[ConsoleAuthentication.CsrfHeader].ToString() == "1")
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}

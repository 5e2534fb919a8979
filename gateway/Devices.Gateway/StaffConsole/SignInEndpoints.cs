using System.Collections.Generic;
using System.Security.Claims;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Devices.Gateway.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Devices.Gateway.StaffConsole;

/// <summary>POST /console/signin (name + password, or an API key), POST /console/signout, GET /console/api/session.</summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapConsoleSignIn(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup("/console").WithTags("Console");
        console.MapPost("/signin", SignInAsync).AllowAnonymous()
            .WithSummary("Signs in to the staff console with a configured account (name + password) or an API key; sets the session cookie.")
            .Accepts<SignInRequest>("application/json").Produces<SessionView>().ProducesValidationProblem().ProducesProblem(401);
        console.MapPost("/signout", async (HttpContext http) =>
            {
                await http.SignOutAsync(ConsoleAuthentication.CookieScheme);
                return Results.NoContent();
            }).RequireApiKey()
            .WithSummary("Ends the console session (removes the cookie).");
        console.MapGet("/api/session", (ClaimsPrincipal user) =>
                Results.Ok(new SessionView(user.Identity?.Name ?? "", user.FindFirst(ConsoleAuthentication.ViaClaim)?.Value ?? ConsoleAccounts.ViaApiKey)))
            .RequireApiKey()
            .WithSummary("Who is signed in, and how (account or apiKey).");
        return app;
    }

    private static async Task<IResult> SignInAsync(SignInRequest? body, HttpContext http, ConsoleAccounts accounts, SignInThrottle throttle)
    {
        string? name;
        string via;
        string address = http.Connection.RemoteIpAddress?.ToString() ?? "?";
        string typedName = !string.IsNullOrEmpty(body?.ApiKey) ? "(api key)" : body?.Name ?? "";
        var wait = throttle.WaitFor(typedName, address);
        if (wait > System.TimeSpan.Zero)
        {
            int minutes = (int)System.Math.Ceiling(wait.TotalMinutes);
            http.Response.Headers.RetryAfter = ((int)System.Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem($"Too many wrong sign-ins. Wait {minutes} minute{(minutes == 1 ? "" : "s")}, then try again.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many tries");
        }
        if (!string.IsNullOrEmpty(body?.ApiKey))
        {
            name = accounts.CheckApiKey(body.ApiKey);
            via = ConsoleAccounts.ViaApiKey;
            if (name is null)
            {
                throttle.Failed(typedName, address);
                return Refused("This API key is not valid.");
            }
        }
        else
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(body?.Name)) errors["name"] = new[] { "Type your name." };
            if (string.IsNullOrEmpty(body?.Password)) errors["password"] = new[] { "Type your password." };
            if (errors.Count > 0) return Results.ValidationProblem(errors, "Type your name and password, or an API key.");
            name = accounts.CheckPassword(body!.Name!, body.Password!);
            via = ConsoleAccounts.ViaAccount;
            if (name is null)
            {
                throttle.Failed(typedName, address);
                return Refused("The name or the password is wrong.");
            }
            throttle.Succeeded(typedName);
        }
        await http.SignInAsync(ConsoleAuthentication.CookieScheme, ConsoleAuthentication.Principal(name, via));
        return Results.Ok(new SessionView(name, via));
    }

    private static IResult Refused(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
}

/// <summary>Body of POST /console/signin: <see cref="Name"/> and <see cref="Password"/>, or <see cref="ApiKey"/>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class SignInRequest
{
    public string? Name { get; set; }
    public string? Password { get; set; }
    public string? ApiKey { get; set; }
}

/// <summary>The signed-in person (account name or API key name) and how they signed in ("account" or "apiKey").</summary>
public sealed record SessionView(string Name, string Via);

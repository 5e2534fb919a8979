using System.Linq;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Devices.Gateway.Api;

public static class ApiServiceCollectionExtensions
{
    public const string Policy = "ApiKey";

    /// <summary>API keys, problem details for every error, the OpenAPI document.</summary>
    public static IServiceCollection AddGatewayApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiKeyOptions>()
            .Bind(configuration.GetSection(ApiKeyOptions.Section))
            .Validate(o => o.Keys.All(k => k.Name.Trim().Length > 0), "Api:Keys: every key needs a Name.")
            .Validate(o => o.Keys.All(k => k.Key.Length >= 16), "Api:Keys: every Key must be at least 16 characters.")
            .Validate(o => o.Keys.Select(k => k.Name).Distinct().Count() == o.Keys.Count, "Api:Keys: names must be unique.")
            .ValidateOnStart();
        services.AddSingleton<ApiKeyCheck>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Unreadable bodies throw, so ApiExceptionHandler can say why instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(o => o.AddDocumentTransformer<ApiKeyDocumentTransformer>());
        return services;
    }

    /// <summary>Error middleware and the OpenAPI document at /openapi/v1.json.</summary>
    public static WebApplication MapGatewayApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi().AllowAnonymous();
        app.MapGroup("/api").RequireApiKey().WithTags("Api")
            .MapGet("/whoami", (System.Security.Claims.ClaimsPrincipal user) => Results.Ok(new WhoAmI(user.Identity?.Name ?? "")))
            .WithSummary("The name of the API key used (to check a key works).");
        return app;
    }

    /// <summary>Every endpoint in the group needs a valid API key: <c>app.MapGroup("/api").RequireApiKey()</c>.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
        => builder.RequireAuthorization(Policy);
}

public sealed record WhoAmI(string Name);

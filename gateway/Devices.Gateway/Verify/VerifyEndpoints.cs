using System;
using System.Collections.Generic;
using Devices.Gateway.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Devices.Gateway.Verify;

public static class VerifyEndpoints
{
    public static IServiceCollection AddGatewayVerify(this IServiceCollection services)
    {
        services.AddSingleton<TentCodeKeys>();
        services.AddSingleton<LinkVerifier>();
        return services;
    }

    public static WebApplication MapVerifyEndpoints(this WebApplication app)
    {
        app.MapGroup("/api").RequireApiKey().WithTags("Codes")
            .MapPost("/codes/verify", Verify)
            .WithSummary("Checks a scanned table-tent link: valid, which device and table, how old the code was.")
            .Accepts<VerifyRequest>("application/json")
            .Produces<VerifyResponse>().ProducesValidationProblem();
        return app;
    }

    private static IResult Verify(VerifyRequest body, LinkVerifier verifier, TimeProvider time)
    {
        if (string.IsNullOrEmpty(body.Link))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["link"] = new[] { "The scanned link is required." } });
        }
        return Results.Ok(verifier.Verify(body.Link, body.ScannedAt ?? time.GetUtcNow()));
    }
}

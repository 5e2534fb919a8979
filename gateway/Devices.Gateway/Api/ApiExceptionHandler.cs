using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Devices.Gateway.Api;

/// <summary>
/// Turns every failure into problem details: a request the framework could not read (malformed JSON, wrong
/// types, oversized body) becomes a 4xx with the reason; anything else a 500 without internals.
/// </summary>
public sealed class ApiExceptionHandler : IExceptionHandler
{
    private readonly IProblemDetailsService _problems;
    private readonly ILogger<ApiExceptionHandler> _log;

    public ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> log)
    {
        _problems = problems;
        _log = log;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext context, System.Exception exception, CancellationToken cancellationToken)
    {
        int status;
        string detail;
        if (exception is BadHttpRequestException bad)
        {
            status = bad.StatusCode;
            detail = bad.InnerException is System.Text.Json.JsonException json
                ? "The request body is not valid JSON for this endpoint: " + json.Message
                : bad.Message;
        }
        else
        {
            status = StatusCodes.Status500InternalServerError;
            detail = "The gateway failed to handle this request; the error is logged.";
            _log.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        }
        context.Response.StatusCode = status;
        return await _problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Detail = detail },
        });
    }
}

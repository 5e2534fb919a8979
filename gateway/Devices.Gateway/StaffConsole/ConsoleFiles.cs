using System;
using System.Globalization;
using System.IO;
using Devices.Gateway.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Devices.Gateway.StaffConsole;

/// <summary>
/// The console's files (StaffConsole/wwwroot, copied next to the gateway) under /console/. Only the sign-in page
/// and what it needs are public; every other file needs a signed-in session. "/" leads to the console.
/// </summary>
public static class ConsoleFiles
{
    /// <summary>Public: the sign-in page and its assets.</summary>
    public static readonly string[] PublicFiles = { "signin.html", "signin.js", "console.css", "favicon.svg" };

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static WebApplication MapConsoleFiles(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "StaffConsole", "wwwroot");
        var files = new PhysicalFileProvider(Directory.Exists(root) ? root : AppContext.BaseDirectory);
        app.MapGet("/", () => Results.Redirect("/console/")).ExcludeFromDescription().AllowAnonymous();
        // Routing ignores a trailing slash: this is both "/console" (redirected, so relative URLs work) and "/console/".
        app.MapGet("/console", (HttpContext http) => http.Request.Path.Value!.EndsWith('/')
                ? Serve(http, files, "index.html")
                : Results.Redirect("/console/")).ExcludeFromDescription().RequireApiKey();
        foreach (var name in PublicFiles)
        {
            app.MapGet("/console/" + name, (HttpContext http) => Serve(http, files, name)).ExcludeFromDescription().AllowAnonymous();
        }
        app.MapGet("/console/{**path}", (HttpContext http, string? path) => Serve(http, files, string.IsNullOrEmpty(path) ? "index.html" : path))
            .ExcludeFromDescription().RequireApiKey();
        return app;
    }

    private static IResult Serve(HttpContext http, IFileProvider files, string path)
    {
        var file = files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory || file.PhysicalPath is null)
        {
            return Results.Problem("The console has no file '" + path + "'.", statusCode: StatusCodes.Status404NotFound, title: "Not Found");
        }
        if (!ContentTypes.TryGetContentType(path, out var type)) type = "application/octet-stream";
        if (type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("javascript", StringComparison.Ordinal)) type += "; charset=utf-8";
        var headers = http.Response.Headers;
        // Revalidate every time (cheap: ETag), so a new gateway version is picked up without stale scripts.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; " +
            "script-src 'self'; connect-src 'self'; media-src 'self' blob:; frame-ancestors 'none'; form-action 'self'";
        var tag = new EntityTagHeaderValue("\"" + file.LastModified.UtcTicks.ToString("x", CultureInfo.InvariantCulture) + "-" +
            file.Length.ToString("x", CultureInfo.InvariantCulture) + "\"");
        return Results.File(file.PhysicalPath, type, lastModified: file.LastModified, entityTag: tag);
    }
}

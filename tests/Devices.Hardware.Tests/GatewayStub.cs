using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Devices.Hardware.Tests;

/// <summary>A tiny HTTP server on 127.0.0.1 standing in for the gateway: records each request, answers with a scripted reply.</summary>
public sealed class GatewayStub : IDisposable
{
    public sealed record Received(string Method, string Path, string? ApiKey, string Body);
    public delegate (int Status, string Body) Reply(Received request);

    private readonly HttpListener _listener = new();
    private readonly Reply _reply;
    private readonly Task _loop;

    public ConcurrentQueue<Received> Requests { get; } = new();
    public Uri BaseUrl { get; }

    public GatewayStub(Reply reply)
    {
        _reply = reply;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var received = new Received(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["X-Api-Key"], await reader.ReadToEndAsync());
            Requests.Enqueue(received);
            var (status, body) = _reply(received);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}

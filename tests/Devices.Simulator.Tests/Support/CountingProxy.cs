using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Devices.Simulator.Tests.Support;

/// <summary>
/// A TCP proxy in front of the broker that counts the bytes of each connection in each direction: the bytes a
/// device's radio would really send and receive (MQTT without TLS).
/// </summary>
public sealed class CountingProxy : IDisposable
{
    private readonly TcpListener _listener;
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();

    public sealed class Connection
    {
        public long Up;   // client to broker
        public long Down; // broker to client
        public volatile bool Closed;
    }

    public CountingProxy(string brokerHost, int brokerPort)
    {
        _host = brokerHost;
        _port = brokerPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoop();
    }

    public int Port { get; }
    public ConcurrentQueue<Connection> Connections { get; } = new();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptLoop()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var upstream = new TcpClient();
                await upstream.ConnectAsync(_host, _port, _stop.Token);
                var connection = new Connection();
                Connections.Enqueue(connection);
                var a = Pump(client.GetStream(), upstream.GetStream(), n => Interlocked.Add(ref connection.Up, n));
                var b = Pump(upstream.GetStream(), client.GetStream(), n => Interlocked.Add(ref connection.Down, n));
                _ = Task.WhenAny(a, b).ContinueWith(_ =>
                {
                    client.Dispose();
                    upstream.Dispose();
                    connection.Closed = true;
                });
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task Pump(NetworkStream from, NetworkStream to, Action<int> count)
    {
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                count(n);
                await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }
}

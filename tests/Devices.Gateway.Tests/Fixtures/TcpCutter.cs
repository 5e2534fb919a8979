using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Devices.Gateway.Tests.Fixtures;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of the broker. <see cref="CutAll"/> resets every relayed connection without
/// an MQTT DISCONNECT, as a device losing power or Wi-Fi would: the broker must publish the device's will.
/// </summary>
public sealed class TcpCutter : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly List<Socket> _sockets = new();
    private readonly CancellationTokenSource _stop = new();

    public TcpCutter(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync();
    }

    public int Port { get; }

    public void CutAll()
    {
        lock (_sockets)
        {
            foreach (var s in _sockets)
            {
                try { s.LingerState = new LingerOption(true, 0); s.Close(); } catch (Exception) { }
            }
            _sockets.Clear();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket inbound;
            try { inbound = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception) { return; }
            var outbound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await outbound.ConnectAsync(IPAddress.Loopback, _target);
            lock (_sockets) { _sockets.Add(inbound); _sockets.Add(outbound); }
            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                int n = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (n == 0) break;
                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
            }
        }
        catch (Exception) { }
        try { to.Shutdown(SocketShutdown.Both); } catch (Exception) { }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        CutAll();
    }
}

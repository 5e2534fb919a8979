using System.Net;
using System.Net.Sockets;

namespace Devices.TestSupport;

/// <summary>Free loopback ports for the tests' brokers and servers (linked into every project that starts one).</summary>
public static class FreePort
{
    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).</summary>
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

using System.Threading;
using System.Threading.Tasks;

namespace Devices.Gateway.Relay;

/// <summary>
/// Shows the backend's answer to a scan on the device (gw-mqtt implements it by publishing a Notify). Register
/// the implementation with <c>services.AddSingleton&lt;IDeviceFeedback, ...&gt;()</c>; the relay registers a
/// log-only default with TryAdd. Best effort: a failure is logged by the relay, never retried.
/// </summary>
public interface IDeviceFeedback
{
    Task ShowAsync(DeviceFeedback feedback, CancellationToken cancellationToken);
}

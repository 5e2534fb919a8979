using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Devices.Gateway.Relay;

/// <summary>The default until a module that can reach devices registers its own: logs what would be shown.</summary>
public sealed class LoggedDeviceFeedback(ILogger<LoggedDeviceFeedback> log) : IDeviceFeedback
{
    public Task ShowAsync(DeviceFeedback feedback, CancellationToken cancellationToken)
    {
        log.LogInformation("Backend feedback for {Device} scan {Seq}: {Seconds} s message ({Length} chars), outcome {Outcome}",
            feedback.DeviceId, feedback.ScanSeq, feedback.DisplaySeconds, feedback.Text.Length, feedback.Outcome);
        return Task.CompletedTask;
    }
}

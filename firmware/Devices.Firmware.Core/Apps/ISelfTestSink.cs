namespace Devices.Firmware.Core.Apps
{
    /// <summary>Where a self-test writes its lines for a person: the serial console on a board, stdout in the simulator.</summary>
    public interface ISelfTestSink
    {
        void WriteLine(string line);
    }
}

using System.Collections.Generic;
using Devices.TestSupport;

namespace Devices.Simulator.Tests.Brokers;

/// <summary>The shared Mosquitto runner on a free port, as one of the brokers the simulator tests run against.</summary>
public sealed class MosquittoBroker : BrokerUnderTest
{
    private readonly MosquittoProcess _mosquitto;

    /// <param name="accounts">Device user names (= device ids) and passwords; the gateway account is added.</param>
    public MosquittoBroker(IEnumerable<(string User, string Password)> accounts)
    {
        Port = Devices.TestSupport.FreePort.Next();
        _mosquitto = new MosquittoProcess(Port, accounts);
    }

    public override string Name => "mosquitto";

    public string Log => _mosquitto.Log;

    public override void Start() => _mosquitto.Start();

    public override void Stop() => _mosquitto.Stop();

    public override void Dispose() => _mosquitto.Dispose();
}

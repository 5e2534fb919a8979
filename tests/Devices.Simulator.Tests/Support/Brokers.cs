using System;
using System.Collections.Generic;
using Devices.Simulator.Tests.Brokers;

namespace Devices.Simulator.Tests.Support;

/// <summary>Theory data: every test that talks MQTT runs against both brokers.</summary>
public static class BrokerKinds
{
    public static TheoryData<string> All => new() { "mosquitto", "mqttnet" };

    public static BrokerUnderTest Start(string kind, IEnumerable<(string User, string Password)> accounts) => kind switch
    {
        "mosquitto" => new MosquittoBroker(accounts),
        "mqttnet" => new EmbeddedBroker(accounts),
        _ => throw new ArgumentException($"Unknown broker kind '{kind}'."),
    };
}

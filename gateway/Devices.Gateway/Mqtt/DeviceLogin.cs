using System.Security.Cryptography;
using System.Text;
using Devices.Firmware.Core.Protocol;
using Devices.Gateway.Registry;

namespace Devices.Gateway.Mqtt;

public enum LoginResult
{
    Accepted,
    /// <summary>Unknown device, wrong password or no credentials.</summary>
    BadUserNameOrPassword,
    /// <summary>The client id is not the device id (a device could otherwise take over another's session).</summary>
    ClientIdNotValid,
}

/// <summary>Checks a CONNECT: user name = client id = a provisioned device id, password = that device's MQTT password.</summary>
public sealed class DeviceLogin(IDeviceRegistry registry)
{
    public LoginResult Check(string? clientId, string? userName, string? password)
    {
        if (userName == null || password == null || !DeviceId.IsValid(userName)) return LoginResult.BadUserNameOrPassword;
        var identity = registry.FindIdentity(userName);
        if (identity == null) return LoginResult.BadUserNameOrPassword;
        // Constant time: the comparison must not tell an attacker how many leading characters were right.
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(identity.MqttPassword)))
            return LoginResult.BadUserNameOrPassword;
        return clientId == userName ? LoginResult.Accepted : LoginResult.ClientIdNotValid;
    }
}

using System;

namespace Devices.Gateway;

/// <summary>The gateway cannot start because of its configuration or environment; the message is the one line shown.</summary>
public sealed class GatewayStartupException(string message) : Exception(message);

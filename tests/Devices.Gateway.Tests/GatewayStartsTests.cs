namespace Devices.Gateway.Tests;

public class GatewayProjectTests
{
    [Fact]
    public void Gateway_assembly_loads() => Assert.NotNull(typeof(Devices.Gateway.Program).Assembly.GetName().Name);
}

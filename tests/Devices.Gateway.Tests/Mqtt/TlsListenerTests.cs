using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Devices.Gateway.Tests.Fixtures;
using Devices.TestSupport;
using MQTTnet;

namespace Devices.Gateway.Tests.Mqtt;

public class TlsListenerTests
{
    [Fact]
    public async Task With_a_certificate_devices_log_in_over_TLS_and_see_that_certificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=gateway.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        string pfx = Path.Combine(Path.GetTempPath(), $"gw-tls-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "pfx-pass"));
        int tlsPort = FreePort.Next();
        try
        {
            await using var gw = await MqttGateway.StartAsync(
                ["--Mqtt:CertificatePath=" + pfx, "--Mqtt:CertificatePassword=pfx-pass", "--Mqtt:TlsPort=" + tlsPort, "--Mqtt:PlainTcp=false"]);
            var id = gw.Provision("tent-1");

            string? seenThumbprint = null;
            using var client = new MqttClientFactory().CreateMqttClient();
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", tlsPort)
                .WithClientId("tent-1")
                .WithCredentials("tent-1", id.MqttPassword)
                .WithTlsOptions(t => t.UseTls().WithCertificateValidationHandler(e =>
                {
                    seenThumbprint = new X509Certificate2(e.Certificate).Thumbprint;
                    return true; // self-signed: we compare the thumbprint below instead of a chain
                }))
                .WithTimeout(TimeSpan.FromSeconds(5))
                .Build();
            var result = await client.ConnectAsync(options);

            Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
            Assert.Equal(certificate.Thumbprint, seenThumbprint);
            // Plain TCP is off: nothing listens on the plain port.
            await using var plain = new DeviceClient("tent-1");
            await Assert.ThrowsAnyAsync<Exception>(() => plain.TryConnectAsync(gw.MqttPort, id.MqttPassword));
        }
        finally { File.Delete(pfx); }
    }
}

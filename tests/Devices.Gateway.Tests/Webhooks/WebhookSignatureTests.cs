using System;
using System.Text;
using Devices.Gateway.Webhooks;

namespace Devices.Gateway.Tests.Webhooks;

public class WebhookSignatureTests
{
    // The published vector: standard-webhooks/standard-webhooks, libraries/csharp/StandardWebhooks.Tests/WebhookTest.cs
    // (verifyWebhookSignWorks; the same values are in the PHP, Python and JS libraries' tests).
    private const string VectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string VectorId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long VectorTimestamp = 1614265330;
    private const string VectorBody = "{\"test\": 2432232314}";
    private const string VectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static readonly DateTimeOffset VectorTime = DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp);

    [Fact]
    public void Signing_reproduces_the_standard_webhooks_test_vector()
    {
        var signature = WebhookSignature.Sign(WebhookSecret.Parse(VectorSecret), VectorId, VectorTimestamp, Encoding.UTF8.GetBytes(VectorBody));
        Assert.Equal(VectorSignature, signature);
    }

    [Fact]
    public void Verification_accepts_the_vector_among_other_signatures()
    {
        var secret = WebhookSecret.Parse(VectorSecret);
        var body = Encoding.UTF8.GetBytes(VectorBody);
        Assert.Null(WebhookSignature.Verify(secret, VectorId, "1614265330", VectorSignature, body, VectorTime));
        Assert.Null(WebhookSignature.Verify(secret, VectorId, "1614265330",
            "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,x " + VectorSignature, body, VectorTime.AddMinutes(4)));
        // Without the prefix, as the reference libraries allow.
        Assert.Null(WebhookSignature.Verify(WebhookSecret.Parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), VectorId, "1614265330", VectorSignature, body, VectorTime));
    }

    [Theory]
    [InlineData("{\"test\": 2432232315}", VectorId, "1614265330", VectorSignature, 0, "No webhook-signature matches.")]
    [InlineData(VectorBody, "msg_other", "1614265330", VectorSignature, 0, "No webhook-signature matches.")]
    [InlineData(VectorBody, VectorId, "1614265331", VectorSignature, 0, "No webhook-signature matches.")]
    [InlineData(VectorBody, VectorId, "1614265330", VectorSignature, 301, "The webhook-timestamp is more than 5 minutes off.")]
    [InlineData(VectorBody, VectorId, "1614265330", VectorSignature, -301, "The webhook-timestamp is more than 5 minutes off.")]
    [InlineData(VectorBody, VectorId, "1614265330", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLawdd", 0, "No webhook-signature matches.")]
    [InlineData(VectorBody, VectorId, "1614265330", "", 0, "The webhook-signature header is missing.")]
    [InlineData(VectorBody, "", "1614265330", VectorSignature, 0, "The webhook-id header is missing.")]
    [InlineData(VectorBody, VectorId, "soon", VectorSignature, 0, "The webhook-timestamp header is not unix seconds.")]
    public void Verification_rejects_with_one_clear_reason(string body, string id, string timestamp, string signatures, int clockOffsetSeconds, string reason)
    {
        var why = WebhookSignature.Verify(WebhookSecret.Parse(VectorSecret), id, timestamp, signatures,
            Encoding.UTF8.GetBytes(body), VectorTime.AddSeconds(clockOffsetSeconds));
        Assert.Equal(reason, why);
    }

    [Fact]
    public void Another_secret_does_not_verify()
    {
        var other = WebhookSecret.Parse(WebhookSecret.Generate());
        Assert.NotNull(WebhookSignature.Verify(other, VectorId, "1614265330", VectorSignature, Encoding.UTF8.GetBytes(VectorBody), VectorTime));
    }

    [Theory]
    [InlineData("whsec_not base64!", "A webhook secret must be \"whsec_\" followed by base64")]
    [InlineData("whsec_c2hvcnQ=", "A webhook secret must decode to at least 16 bytes; this one has 5.")]
    public void Bad_secrets_get_a_clear_message(string text, string message)
    {
        Assert.False(WebhookSecret.TryParse(text, out _, out var error));
        Assert.StartsWith(message, error);
    }
}

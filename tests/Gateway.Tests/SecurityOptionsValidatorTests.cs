using System.Security.Cryptography;
using BillingOne.Gateway.Security;

namespace BillingOne.Gateway.Tests;

[Trait("Category", "Unit")]
public sealed class SecurityOptionsValidatorTests
{
    private static readonly string GoodKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Keys_of_32_bytes_or_more_are_accepted()
    {
        var result = new SecurityOptionsValidator().Validate(null,
            new SecurityOptions { InternalTokenSigningKey = GoodKey, SessionSigningKey = GoodKey });

        result.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Missing_short_or_garbled_keys_fail_the_start_naming_the_setting()
    {
        var result = new SecurityOptionsValidator().Validate(null,
            new SecurityOptions { InternalTokenSigningKey = null, SessionSigningKey = Convert.ToBase64String(new byte[16]) });
        var garbled = new SecurityOptionsValidator().Validate(null,
            new SecurityOptions { InternalTokenSigningKey = "not base64!", SessionSigningKey = GoodKey });

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldNotBeNull().Count().ShouldBe(2);
        result.FailureMessage.ShouldNotBeNull().ShouldContain("Security:InternalTokenSigningKey is missing");
        result.FailureMessage.ShouldContain("Security:SessionSigningKey must be at least 32 bytes");
        garbled.FailureMessage.ShouldNotBeNull().ShouldContain("Security:InternalTokenSigningKey is not base64");
    }
}

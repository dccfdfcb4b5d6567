using BillingOne.Subscription.Domain;

namespace BillingOne.Subscription.Tests.Domain;

[Trait("Category", "Unit")]
public class ClientTimeZoneTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void An_absent_zone_is_the_organization_default(string? value)
    {
        ClientTimeZone.Resolve(value, out var error).ShouldBe("UTC");
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData("Europe/London")]
    [InlineData("America/New_York")]
    [InlineData("Australia/Sydney")]
    [InlineData("UTC")]
    public void Iana_ids_are_accepted(string value)
    {
        ClientTimeZone.Resolve(value, out var error).ShouldBe(value);
        error.ShouldBeNull();
    }

    [Fact]
    public void The_id_is_trimmed()
    {
        ClientTimeZone.Resolve(" Europe/Paris ", out _).ShouldBe("Europe/Paris");
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("GMT+25")]
    [InlineData("../../etc/passwd")]
    public void Unknown_ids_are_rejected(string value)
    {
        ClientTimeZone.Resolve(value, out var error).ShouldBeNull();
        error!.ShouldContain("is not an IANA time zone id");
    }

    [Fact]
    public void Windows_ids_are_rejected_because_the_platform_speaks_iana()
    {
        ClientTimeZone.Resolve("AUS Eastern Standard Time", out var error).ShouldBeNull();
        error.ShouldNotBeNull();
    }
}

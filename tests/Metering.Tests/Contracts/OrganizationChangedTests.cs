using BillingOne.Contracts.Events;

namespace BillingOne.Metering.Tests.Contracts;

[Trait("Category", "Unit")]
public sealed class OrganizationChangedTests
{
    private static readonly OrganizationChanged Valid =
        new(Guid.NewGuid(), "Demo MSP", "Australia/Sydney", "AUD", 5, 1, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_complete_announcement_is_valid_at_both_ends_of_the_grace_range()
    {
        Valid.Validate().ShouldBeEmpty();
        (Valid with { BillingGraceDays = 0 }).Validate().ShouldBeEmpty();
        (Valid with { BillingGraceDays = 60 }).Validate().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("no organization", "organization id")]
    [InlineData("blank name", "no name or time zone")]
    [InlineData("no time zone", "no name or time zone")]
    [InlineData("unknown currency", "ISO-4217")]
    [InlineData("negative grace", "-1 grace days")]
    [InlineData("grace over 60", "61 grace days")]
    [InlineData("version 0", "versions start at 1")]
    public void An_incomplete_announcement_names_its_problem(string fault, string problem)
    {
        var message = fault switch
        {
            "no organization" => Valid with { OrgId = Guid.Empty },
            "blank name" => Valid with { Name = " " },
            "no time zone" => Valid with { TimeZone = "" },
            "unknown currency" => Valid with { Currency = "XYZ" },
            "negative grace" => Valid with { BillingGraceDays = -1 },
            "grace over 60" => Valid with { BillingGraceDays = 61 },
            _ => Valid with { Version = 0 },
        };

        message.Validate().ShouldHaveSingleItem().ShouldContain(problem);
    }
}

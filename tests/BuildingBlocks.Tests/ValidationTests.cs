using BillingOne.BuildingBlocks.Validation;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests;

[Trait("Category", "Unit")]
public sealed class ValidationTests
{
    [Fact]
    public void An_absent_zone_keeps_the_current_one_without_an_error()
    {
        var errors = new Dictionary<string, string[]>();
        IanaTimeZone.ResolveEdit(null, errors).ShouldBeNull();
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("", "Time zone must not be empty.")]
    [InlineData("AUS Eastern Standard Time", "is not an IANA time zone id")]
    [InlineData("Mars/Olympus_Mons", "is not an IANA time zone id")]
    public void A_given_zone_must_be_an_iana_id_reported_under_time_zone(string zone, string reason)
    {
        var errors = new Dictionary<string, string[]>();
        IanaTimeZone.ResolveEdit(zone, errors).ShouldBeNull();
        errors["timeZone"].ShouldHaveSingleItem().ShouldContain(reason);
    }

    [Fact]
    public void A_valid_zone_comes_back_canonical_and_trimmed()
    {
        var errors = new Dictionary<string, string[]>();
        IanaTimeZone.ResolveEdit(" Pacific/Auckland ", errors).ShouldBe("Pacific/Auckland");
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("  Acme Pty Ltd ", 20, "Acme Pty Ltd", null)]
    [InlineData("   ", 20, null, "Name is required.")]
    [InlineData("Tab\there", 20, null, "Name must not contain control characters such as tabs or line breaks.")]
    [InlineData("Too long", 5, null, "Name must be at most 5 characters.")]
    public void Display_names_are_trimmed_single_line_and_bounded(string value, int maxLength, string? expected, string? error)
    {
        DisplayName.Normalize(value, maxLength, out var reason).ShouldBe(expected);
        reason.ShouldBe(error);
    }
}

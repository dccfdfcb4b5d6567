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

    [Theory]
    [InlineData("12.50", "12.50")]
    [InlineData("-3", "-3")]
    [InlineData("1.5e3", "1500")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void A_number_decimal_holds_exactly_is_read(string text, string expected)
    {
        ExactDecimalConverter.TryReadExact(text, out var value).ShouldBeTrue();
        value.ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("1e-400")]
    [InlineData("0.00000000000000000000000000001")]
    [InlineData("1.2345678901234567890123456789012")]
    [InlineData("79228162514264337593543950336")]
    [InlineData("1e400")]
    [InlineData("NaN")]
    [InlineData("0x10")]
    public void A_number_decimal_would_round_or_cannot_hold_is_refused(string text) =>
        ExactDecimalConverter.TryReadExact(text, out _).ShouldBeFalse();
}

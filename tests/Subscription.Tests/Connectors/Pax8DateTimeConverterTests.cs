using BillingOne.Subscription.Connectors.Pax8;

namespace BillingOne.Subscription.Tests.Connectors;

/// <summary>Date-times in the shapes Pax8's examples write them (docs/vendors.md, Pax8).</summary>
[Trait("Category", "Unit")]
public sealed class Pax8DateTimeConverterTests
{
    [Theory]
    [InlineData("2025-01-12T00:00:00Z", "2025-01-12T00:00:00+00:00")]
    [InlineData("2025-01-12T00:00:00.000Z", "2025-01-12T00:00:00+00:00")]
    [InlineData("2020-06-01T10:15:30.000-0600", "2020-06-01T16:15:30+00:00")]
    [InlineData("2020-06-01T10:15:30-06:00", "2020-06-01T16:15:30+00:00")]
    [InlineData("2020-06-01T10:15:30+1000", "2020-06-01T00:15:30+00:00")]
    [InlineData("2020-06-01T10:15:30", "2020-06-01T10:15:30+00:00")]
    [InlineData("2020-06-01", "2020-06-01T00:00:00+00:00")]
    public void Pax8_date_times_are_read_with_any_offset_spelling(string text, string expected)
    {
        Pax8DateTimeConverter.TryParse(text, out var value).ShouldBeTrue();
        value.ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2020-13-01")]
    public void Anything_else_is_not_a_date_time(string text) =>
        Pax8DateTimeConverter.TryParse(text, out _).ShouldBeFalse();
}

using BillingOne.BuildingBlocks.Paging;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Paging;

[Trait("Category", "Unit")]
public class QueryValuesTests
{
    public enum Shade
    {
        Light,
        DarkBlue,
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    [InlineData(" 0b3c8d5e-1f2a-4b6c-9d7e-8f9a0b1c2d3e ", "0b3c8d5e-1f2a-4b6c-9d7e-8f9a0b1c2d3e")]
    public void Ids_are_read_and_blank_is_absent(string? value, string? expected)
    {
        var errors = new Dictionary<string, string[]>();
        QueryValues.ParseGuid(value, "clientId", errors).ShouldBe(expected is null ? null : Guid.Parse(expected));
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(1, 1)]
    [InlineData(36, 36)]
    public void A_bound_number_within_its_bounds_or_absent_is_kept(int? value, int? expected)
    {
        var errors = new Dictionary<string, string[]>();
        QueryValues.WithinBounds(value, "periods", 1, 36, errors).ShouldBe(expected);
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(37)]
    public void A_number_out_of_bounds_is_reported_under_its_parameter(int value)
    {
        var errors = new Dictionary<string, string[]>();
        QueryValues.WithinBounds(value, "periods", 1, 36, errors).ShouldBeNull();
        errors["periods"].ShouldBe(["periods must be a whole number from 1 to 36."]);
    }

    [Fact]
    public void A_malformed_id_is_reported_under_its_parameter()
    {
        var errors = new Dictionary<string, string[]>();
        QueryValues.ParseGuid("nope", "clientId", errors).ShouldBeNull();
        errors["clientId"].ShouldBe(["clientId must be an id (uuid)."]);
    }

    [Fact]
    public void A_list_may_say_what_its_id_is()
    {
        var errors = new Dictionary<string, string[]>();
        QueryValues.ParseGuid(" nope ", "actorId", errors, text => $"'{text}' names no actor.");
        errors["actorId"].ShouldBe(["'nope' names no actor."]);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData(" FALSE ", false)]
    [InlineData("", null)]
    public void Booleans_are_read_in_any_case(string? value, bool? expected)
    {
        var errors = new Dictionary<string, string[]>();
        QueryValues.ParseBoolean(value, "enabled", errors).ShouldBe(expected);
        errors.ShouldBeEmpty();
    }

    [Fact]
    public void A_boolean_that_is_not_one_is_reported()
    {
        var errors = new Dictionary<string, string[]>();
        QueryValues.ParseBoolean("yes", "enabled", errors).ShouldBeNull();
        errors["enabled"].ShouldBe(["enabled must be 'true' or 'false'."]);
    }

    [Fact]
    public void Text_is_trimmed_and_held_to_its_length()
    {
        var errors = new Dictionary<string, string[]>();
        QueryValues.ParseText("  abc ", "search", 3, errors).ShouldBe("abc");
        QueryValues.ParseText(" ", "search", 3, errors).ShouldBeNull();
        errors.ShouldBeEmpty();

        QueryValues.ParseText("abcd", "search", 3, errors);
        errors["search"].ShouldBe(["search must be at most 3 characters."]);
    }

    [Theory]
    [InlineData(null, Shade.Light)]
    [InlineData("darkBlue", Shade.DarkBlue)]
    [InlineData(" DARKBLUE ", Shade.DarkBlue)]
    public void Choices_are_read_by_their_api_names_in_any_case(string? value, Shade expected)
    {
        var errors = new Dictionary<string, string[]>();
        QueryValues.ParseChoice(value, "sort", Shade.Light, errors).ShouldBe(expected);
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("sideways")]
    [InlineData("1")]
    public void An_unknown_choice_lists_the_api_names(string value)
    {
        var errors = new Dictionary<string, string[]>();
        QueryValues.ParseChoice(value, "sort", Shade.Light, errors).ShouldBe(Shade.Light);
        errors["sort"].ShouldBe(["sort must be one of 'light', 'darkBlue'."]);
    }

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData(" 2026-03-01 ", "", "2026-03-01", null)]
    [InlineData("2026-03-01", "2026-03-01", "2026-03-01", "2026-03-01")]
    public void A_day_range_may_be_open_at_either_end(string? from, string? to, string? first, string? last)
    {
        var errors = new Dictionary<string, string[]>();
        QueryValues.ParseDayRange(from, to, errors).ShouldBe(
            (first is null ? null : DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture),
                last is null ? null : DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture)));
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2026-02-30", null, "from", "from must be a day written YYYY-MM-DD, e.g. 2026-11-30.")]
    [InlineData(null, "30/11/2026", "to", "to must be a day written YYYY-MM-DD, e.g. 2026-11-30.")]
    [InlineData("2026-03-02", "2026-03-01", "to", "to must be on or after from.")]
    public void A_bad_day_range_is_reported_under_the_parameter_at_fault(string? from, string? to, string parameter,
        string message)
    {
        var errors = new Dictionary<string, string[]>();
        QueryValues.ParseDayRange(from, to, errors);
        errors.Keys.ShouldBe([parameter]);
        errors[parameter].ShouldBe([message]);
    }
}

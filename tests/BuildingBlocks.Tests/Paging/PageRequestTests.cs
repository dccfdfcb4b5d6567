using BillingOne.BuildingBlocks.Paging;
using Shouldly;
using SortDirection = BillingOne.BuildingBlocks.Paging.SortDirection;

namespace BillingOne.BuildingBlocks.Tests.Paging;

[Trait("Category", "Unit")]
public class PageRequestTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 200)]
    [InlineData(1000, 50)]
    public void Pages_within_bounds_are_accepted(int page, int pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        PageRequest.Parse(page, pageSize, errors).ShouldBe(new PageRequest(page, pageSize));
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0, 50, "page")]
    [InlineData(-3, 50, "page")]
    [InlineData(1, 0, "pageSize")]
    [InlineData(1, 201, "pageSize")]
    public void Out_of_bounds_values_are_reported_under_their_parameter(int page, int pageSize, string parameter)
    {
        var errors = new Dictionary<string, string[]>();
        PageRequest.Parse(page, pageSize, errors);
        errors.Keys.ShouldBe([parameter]);
    }

    [Fact]
    public void The_offset_skips_the_previous_pages()
    {
        new PageRequest(3, 25).Offset.ShouldBe(50);
        new PageRequest(int.MaxValue, PageRequest.MaxPageSize).Offset.ShouldBe((int.MaxValue - 1L) * 200);
    }

    [Theory]
    [InlineData(null, SortDirection.Descending)]
    [InlineData("asc", SortDirection.Ascending)]
    [InlineData(" Desc ", SortDirection.Descending)]
    public void Directions_are_read_in_any_case(string? value, SortDirection expected)
    {
        var errors = new Dictionary<string, string[]>();
        SortDirections.Parse(value, SortDirection.Descending, errors).ShouldBe(expected);
        errors.ShouldBeEmpty();
    }

    [Fact]
    public void An_unknown_direction_is_reported()
    {
        var errors = new Dictionary<string, string[]>();
        SortDirections.Parse("sideways", SortDirection.Ascending, errors);
        errors["direction"].ShouldHaveSingleItem();
    }
}

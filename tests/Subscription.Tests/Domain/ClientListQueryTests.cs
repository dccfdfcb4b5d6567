using BillingOne.BuildingBlocks.Paging;
using SortDirection = BillingOne.BuildingBlocks.Paging.SortDirection;
using BillingOne.Subscription.Domain;

namespace BillingOne.Subscription.Tests.Domain;

[Trait("Category", "Unit")]
public class ClientListQueryTests
{
    [Fact]
    public void Absent_parameters_mean_the_first_page_by_name()
    {
        var errors = new Dictionary<string, string[]>();
        var query = ClientListQuery.Parse(null, null, null, null, null, errors);
        query.ShouldBe(new ClientListQuery(null, ClientSortField.Name, SortDirection.Ascending, new PageRequest(1, 50)));
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("name", ClientSortField.Name)]
    [InlineData("createdAt", ClientSortField.CreatedAt)]
    [InlineData("UPDATEDAT", ClientSortField.UpdatedAt)]
    public void Sort_names_ignore_case(string sort, ClientSortField expected)
    {
        var errors = new Dictionary<string, string[]>();
        ClientListQuery.Parse(null, sort, "desc", null, null, errors)!.Sort.ShouldBe(expected);
    }

    [Fact]
    public void Descending_is_read_from_the_direction()
    {
        var errors = new Dictionary<string, string[]>();
        ClientListQuery.Parse(null, null, "DESC", null, null, errors)!.Direction.ShouldBe(SortDirection.Descending);
    }

    [Fact]
    public void Every_invalid_parameter_is_reported()
    {
        var errors = new Dictionary<string, string[]>();
        ClientListQuery.Parse(new string('x', 201), "mrr", "up", 0, 201, errors).ShouldBeNull();
        errors.Keys.ShouldBe(["search", "sort", "direction", "page", "pageSize"], ignoreOrder: true);
    }

    [Fact]
    public void Search_is_trimmed_and_blank_means_no_filter()
    {
        var errors = new Dictionary<string, string[]>();
        ClientListQuery.Parse("  acme ", null, null, null, null, errors)!.Search.ShouldBe("acme");
        ClientListQuery.Parse("   ", null, null, null, null, errors)!.Search.ShouldBeNull();
    }
}

using BillingOne.Web.Api;
using BillingOne.Web.ClientList;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class ClientListUrlTests
{
    [Fact]
    public void Request_uri_leaves_out_blank_search_and_all_statuses()
    {
        new ClientListQuery(Search: "  ").ToRequestUri()
            .ShouldBe("api/projection/clients?sort=mrr&direction=desc&page=1&pageSize=25");
    }

    [Fact]
    public void Request_uri_escapes_the_search()
    {
        new ClientListQuery(Search: " Smith & Sons ", Status: ClientStatuses.NoData, Page: 2).ToRequestUri()
            .ShouldBe("api/projection/clients?search=Smith%20%26%20Sons&status=no-data&sort=mrr&direction=desc&page=2&pageSize=25");
    }

    [Theory]
    [InlineData(null, ClientSortColumns.Mrr, SortDirections.Descending)]
    [InlineData(ClientSortColumns.Name, ClientSortColumns.Name, SortDirections.Ascending)]
    [InlineData(ClientSortColumns.Devices, ClientSortColumns.Devices, SortDirections.Descending)]
    [InlineData(ClientSortColumns.Variance, ClientSortColumns.Variance, SortDirections.Descending)]
    [InlineData(ClientSortColumns.TotalSpend, ClientSortColumns.TotalSpend, SortDirections.Descending)]
    [InlineData("owner", ClientSortColumns.Mrr, SortDirections.Descending)]
    public void A_column_without_a_direction_gets_its_natural_order(string? sort, string expectedSort, string expectedDirection)
    {
        var query = ClientListUrl.Parse(search: null, status: null, sort, direction: null, page: null);

        query.Sort.ShouldBe(expectedSort);
        query.Direction.ShouldBe(expectedDirection);
    }

    [Fact]
    public void Page_parameters_drop_the_defaults()
    {
        ClientListUrl.PageParameters(new ClientListQuery())
            .Where(parameter => parameter.Value is not null).ShouldBeEmpty();
        ClientListUrl.PageParameters(new ClientListQuery(Sort: ClientSortColumns.Mrr, Direction: SortDirections.Ascending, Page: 4))
            .Where(parameter => parameter.Value is not null)
            .ShouldBe(new Dictionary<string, object?> { ["sort"] = "mrr", ["direction"] = "asc", ["page"] = 4 }, ignoreOrder: true);
    }
}

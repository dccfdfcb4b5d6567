using BillingOne.BuildingBlocks.Paging;
using BillingOne.Projection.Domain;
using SortDirection = BillingOne.BuildingBlocks.Paging.SortDirection;

namespace BillingOne.Projection.Tests.Domain;

[Trait("Category", "Unit")]
public class ClientSnapshotQueryTests
{
    [Fact]
    public void By_default_top_revenue_comes_first_and_every_status_is_listed()
    {
        var errors = new Dictionary<string, string[]>();
        ClientSnapshotQuery.Parse(null, null, null, null, null, null, errors).ShouldBe(new ClientSnapshotQuery(
            null, null, false, ClientSnapshotSortField.Mrr, SortDirection.Descending, PageRequest.First));
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("disabled")]
    [InlineData(" Disabled ")]
    public void Disabled_clients_are_a_filter_of_their_own_and_no_status(string status)
    {
        var errors = new Dictionary<string, string[]>();
        var query = ClientSnapshotQuery.Parse(null, status, null, null, null, null, errors)!;
        (query.Disabled, query.Status).ShouldBe((true, (ClientBillingStatus?)null));
        errors.ShouldBeEmpty();
        ClientSnapshotQuery.Parse(null, "matched", null, null, null, null, errors)!.Disabled.ShouldBeFalse();
    }

    [Theory]
    [InlineData("name", ClientSnapshotSortField.Name, SortDirection.Ascending)]
    [InlineData("MRR", ClientSnapshotSortField.Mrr, SortDirection.Descending)]
    [InlineData("subscriptions", ClientSnapshotSortField.Subscriptions, SortDirection.Descending)]
    [InlineData("devices", ClientSnapshotSortField.Devices, SortDirection.Descending)]
    [InlineData("licenses", ClientSnapshotSortField.Licenses, SortDirection.Descending)]
    [InlineData("variance", ClientSnapshotSortField.Variance, SortDirection.Descending)]
    [InlineData("totalSpend", ClientSnapshotSortField.TotalSpend, SortDirection.Descending)]
    public void Figures_default_to_largest_first_and_names_to_alphabetical(string sort,
        ClientSnapshotSortField field, SortDirection direction)
    {
        var errors = new Dictionary<string, string[]>();
        var query = ClientSnapshotQuery.Parse(null, null, sort, null, null, null, errors)!;
        (query.Sort, query.Direction).ShouldBe((field, direction));
    }

    [Fact]
    public void An_explicit_direction_wins()
    {
        var errors = new Dictionary<string, string[]>();
        ClientSnapshotQuery.Parse(null, null, "mrr", "asc", null, null, errors)!.Direction
            .ShouldBe(SortDirection.Ascending);
    }

    [Theory]
    [InlineData("matched", ClientBillingStatus.Matched)]
    [InlineData("under-licensed", ClientBillingStatus.UnderLicensed)]
    [InlineData("Over-Licensed", ClientBillingStatus.OverLicensed)]
    [InlineData(" no-data ", ClientBillingStatus.NoData)]
    public void The_status_filter_reads_the_status_codes(string status, ClientBillingStatus expected)
    {
        var errors = new Dictionary<string, string[]>();
        ClientSnapshotQuery.Parse(null, status, null, null, null, null, errors)!.Status.ShouldBe(expected);
    }

    [Fact]
    public void Every_invalid_parameter_is_reported()
    {
        var errors = new Dictionary<string, string[]>();
        ClientSnapshotQuery.Parse(new string('x', 201), "underlicensed", "revenue", "down", 0, 500, errors)
            .ShouldBeNull();
        errors.Keys.ShouldBe(["search", "status", "sort", "direction", "page", "pageSize"], ignoreOrder: true);
        errors["status"].ShouldHaveSingleItem().ShouldContain("'under-licensed'");
    }
}

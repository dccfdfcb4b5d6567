using BillingOne.Web.Api;
using BillingOne.Web.OverUnderList;

namespace BillingOne.Web.Tests.Metering;

[Trait("Category", "Unit")]
public sealed class OverUnderListUrlTests
{
    [Fact]
    public void Values_the_page_does_not_know_fall_back_to_the_defaults()
    {
        var query = OverUnderListUrl.Parse(period: " ", status: "on-commit", search: "  ", sort: "mrr", direction: "up", page: 0,
            unitType: "");

        query.ShouldBe(new OverUnderQuery());
    }

    [Fact]
    public void A_sort_without_a_direction_takes_the_columns_own()
    {
        OverUnderListUrl.Parse(null, null, null, sort: "overage", direction: null, page: null, unitType: null)
            .Direction.ShouldBe(SortDirections.Descending);
        OverUnderListUrl.Parse(null, null, null, sort: "client", direction: null, page: null, unitType: null)
            .Direction.ShouldBe(SortDirections.Ascending);
    }

    [Fact]
    public void The_address_keeps_only_what_differs_from_the_defaults()
    {
        OverUnderListUrl.PageParameters(new OverUnderQuery()).Values.ShouldAllBe(value => value == null);

        var parameters = OverUnderListUrl.PageParameters(new OverUnderQuery(Period: "2026-11", Status: "mixed", Search: "con",
            Sort: OverUnderSortColumns.Client, Direction: SortDirections.Descending, Page: 2, UnitType: "mailbox"));

        parameters.Where(parameter => parameter.Value is not null).ToDictionary().ShouldBe(new Dictionary<string, object?>
        {
            ["period"] = "2026-11", ["status"] = "mixed", ["search"] = "con", ["sort"] = "client", ["direction"] = "desc",
            ["page"] = 2, ["unitType"] = "mailbox",
        });
    }

    [Fact]
    public void Each_call_carries_the_parameters_its_endpoint_reads()
    {
        var query = new OverUnderQuery(Period: "2026-11", Status: "over-commit", Search: "con", Sort: OverUnderSortColumns.VsCommit,
            Direction: SortDirections.Descending, Page: 2, UnitType: "backup-gb");

        query.ToClientsUri().ShouldBe(
            "api/projection/over-under/clients?period=2026-11&status=over-commit&search=con&sort=vs-commit&direction=desc&page=2&pageSize=25");
        query.ToClientsExportUri().ShouldBe(
            "api/projection/over-under/clients/export?period=2026-11&status=over-commit&search=con&sort=vs-commit&direction=desc");
        query.ToSummaryUri().ShouldBe("api/projection/over-under/summary?period=2026-11");
        query.ToRightSizeUri().ShouldBe("api/projection/over-under/right-size?period=2026-11&unitType=backup-gb&limit=10");
        query.ToRightSizeExportUri().ShouldBe("api/projection/over-under/right-size/export?period=2026-11&unitType=backup-gb");
        query.ToUnitTypesUri().ShouldBe("api/projection/over-under/unit-types?period=2026-11");
        query.ToUnitTypesExportUri().ShouldBe("api/projection/over-under/unit-types/export?period=2026-11");
        OverUnderQuery.TrendUri.ShouldBe("api/projection/over-under/trend?periods=12");
    }
}

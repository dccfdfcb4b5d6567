using BillingOne.BuildingBlocks.Paging;
using BillingOne.Metering.Domain;
using SortDirection = BillingOne.BuildingBlocks.Paging.SortDirection;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public class BucketListQueryTests
{
    [Fact]
    public void Absent_parameters_list_everything_by_name_ascending_on_the_first_page()
    {
        var query = BucketListQuery.Parse(null, null, null, " ", null, null, null, null, null, null,
            new Dictionary<string, string[]>());

        query.ShouldBe(new BucketListQuery(null, null, null, null, null, null, BucketSortField.Name,
            SortDirection.Ascending, new PageRequest(1, PageRequest.DefaultPageSize)));
    }

    [Fact]
    public void Filters_are_parsed_from_text()
    {
        var clientId = Guid.NewGuid();

        var query = BucketListQuery.Parse(" backup ", clientId.ToString(), null, "veeam", "TRUE", "false", "Usage",
            "desc", 2, 10, new Dictionary<string, string[]>());

        query.ShouldBe(new BucketListQuery("backup", clientId, null, "veeam", true, false, BucketSortField.Usage,
            SortDirection.Descending, new PageRequest(2, 10)));
    }

    [Fact]
    public void Every_malformed_parameter_is_reported_under_its_name()
    {
        var errors = new Dictionary<string, string[]>();

        BucketListQuery.Parse(new string('s', 201), "x", "y", null, "yes", "1", "price", "up", 0, 500, errors)
            .ShouldBeNull();

        errors.Keys.ShouldBe(["search", "clientId", "unitTypeId", "reviewed", "enabled", "sort", "direction", "page",
            "pageSize"], ignoreOrder: true);
    }
}

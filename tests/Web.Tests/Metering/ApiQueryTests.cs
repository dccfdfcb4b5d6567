using BillingOne.Web.Api;

namespace BillingOne.Web.Tests.Metering;

[Trait("Category", "Unit")]
public sealed class ApiQueryTests
{
    [Fact]
    public void Leaves_out_parameters_without_a_value_and_writes_the_rest_as_the_services_read_them()
    {
        var clientId = Guid.Parse("6f1d2c1e-6a3b-4a55-9a1e-3f0c6f1a0001");

        var uri = new AssetListQuery(View: AssetViews.New, Search: " vm 01 ", ClientId: clientId, Source: " ", Enabled: false).ToRequestUri();

        uri.ShouldBe($"api/metering/assets?view=new&search=vm%2001&clientId={clientId}&enabled=false&sort=lastSeen&direction=desc&page=1&pageSize=25");
    }

    [Fact]
    public void A_bucket_query_carries_every_filter()
    {
        var unitTypeId = Guid.Parse("7a000000-0000-4000-8000-000000000001");

        var uri = new BucketListQuery(SourceType: "veeam", UnitTypeId: unitTypeId, Reviewed: true, Sort: BucketSortColumns.Usage,
            Direction: SortDirections.Descending, Page: 3, PageSize: 10).ToRequestUri();

        uri.ShouldBe($"api/metering/buckets?unitTypeId={unitTypeId}&sourceType=veeam&reviewed=true&sort=usage&direction=desc&page=3&pageSize=10");
    }
}

using System.Text.Json;
using BillingOne.Projection.Domain;

namespace BillingOne.Projection.Tests.Domain;

[Trait("Category", "Unit")]
public class ClientBillingSnapshotTests
{
    [Theory]
    [InlineData(ClientBillingStatus.Matched, "matched")]
    [InlineData(ClientBillingStatus.UnderLicensed, "under-licensed")]
    [InlineData(ClientBillingStatus.OverLicensed, "over-licensed")]
    [InlineData(ClientBillingStatus.NoData, "no-data")]
    public void Statuses_have_one_spelling_in_the_database_and_in_json(ClientBillingStatus status, string code)
    {
        status.ToCode().ShouldBe(code);
        ClientBillingStatuses.FromCode(code).ShouldBe(status);
        JsonSerializer.Serialize(status).ShouldBe($"\"{code}\"");
    }

    [Fact]
    public void Unknown_codes_are_not_statuses()
    {
        ClientBillingStatuses.FromCode("unknown").ShouldBeNull();
        ClientBillingStatuses.FromCode(null).ShouldBeNull();
    }
}

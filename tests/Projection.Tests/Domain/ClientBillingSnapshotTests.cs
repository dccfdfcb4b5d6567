using System.Text.Json;
using BillingOne.Projection.Domain;

namespace BillingOne.Projection.Tests.Domain;

[Trait("Category", "Unit")]
public class ClientBillingSnapshotTests
{
    private static ClientBillingSnapshot Snapshot(int devices, int licenses, ClientBillingStatus status) => new(
        Guid.NewGuid(), "Acme", Enabled: true, "UTC", 0m, null, 0, devices, licenses, status, DateTimeOffset.UtcNow);

    [Fact]
    public void Variance_is_devices_minus_licenses()
    {
        Snapshot(12, 10, ClientBillingStatus.UnderLicensed).Variance.ShouldBe(2);
        Snapshot(8, 10, ClientBillingStatus.OverLicensed).Variance.ShouldBe(-2);
        Snapshot(10, 10, ClientBillingStatus.Matched).Variance.ShouldBe(0);
    }

    [Fact]
    public void Without_a_snapshot_the_variance_is_unknown_not_zero()
    {
        Snapshot(0, 0, ClientBillingStatus.NoData).Variance.ShouldBeNull();
    }

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

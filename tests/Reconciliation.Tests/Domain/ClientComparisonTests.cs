using BillingOne.Reconciliation.Domain;

namespace BillingOne.Reconciliation.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class ClientComparisonTests
{
    [Theory]
    [InlineData(12, 9, 3, ReconciliationStatuses.UnderLicensed)]
    [InlineData(3, 5, -2, ReconciliationStatuses.OverLicensed)]
    [InlineData(5, 5, 0, ReconciliationStatuses.Matched)]
    [InlineData(0, 0, 0, ReconciliationStatuses.Matched)]
    [InlineData(7, 0, 7, ReconciliationStatuses.UnderLicensed)]
    public void Variance_is_devices_minus_device_licences_and_names_the_status(int devices, int licences, int variance,
        string status) =>
        ClientComparison.Of(devices, licences).ShouldBe(new ClientComparison(devices, licences, variance, status));

    [Fact]
    public void A_client_no_snapshot_covers_has_no_data_and_no_variance() =>
        ClientComparison.Of(null, 4).ShouldBe(new ClientComparison(null, 4, null, ReconciliationStatuses.NoData));
}

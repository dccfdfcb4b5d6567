using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Domain;

namespace BillingOne.Reconciliation.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class ClientComparisonTests
{
    private static readonly Guid Antivirus = Guid.Parse("0199a000-0000-7000-8000-0000000000a1");
    private static readonly Guid Backup = Guid.Parse("0199a000-0000-7000-8000-0000000000a2");
    private static readonly Guid Rmm = Guid.Parse("0199a000-0000-7000-8000-0000000000a3");
    private static readonly Guid ServerBackup = Guid.Parse("0199a000-0000-7000-8000-0000000000a4");
    private static readonly Guid Microsoft365 = Guid.Parse("0199a000-0000-7000-8000-0000000000a5");

    /// <summary>40 workstations, 10 servers: 50 managed devices.</summary>
    private static readonly DeviceCounts Fifty = new(40, 10, 0);

    [Fact]
    public void Fifty_devices_with_fifty_seats_of_each_of_three_per_device_products_are_matched_not_150_licences()
    {
        var comparison = ClientComparison.Of(Fifty,
            [Product(Antivirus, "Antivirus", 50), Product(Backup, "Backup", 50), Product(Rmm, "RMM", 50)]);

        (comparison.Devices, comparison.DeviceLicenses, comparison.Variance, comparison.Status)
            .ShouldBe(((int?)50, 50, (int?)0, ReconciliationStatuses.Matched));
        comparison.Products.ShouldAllBe(product => product.CoveredDevices == 50 && product.Variance == 0
            && product.Status == ReconciliationStatuses.Matched);
    }

    [Fact]
    public void Forty_five_seats_of_one_of_three_products_is_under_licensed_by_5_on_that_product()
    {
        var comparison = ClientComparison.Of(Fifty,
            [Product(Antivirus, "Antivirus", 50), Product(Backup, "Backup", 45), Product(Rmm, "RMM", 50)]);

        (comparison.Devices, comparison.DeviceLicenses, comparison.Variance, comparison.Status)
            .ShouldBe(((int?)50, 45, (int?)5, ReconciliationStatuses.UnderLicensed));
        comparison.Products[0].ShouldSatisfyAllConditions(
            backup => backup.ProductId.ShouldBe(Backup),
            backup => backup.Variance.ShouldBe(5),
            backup => backup.Status.ShouldBe(ReconciliationStatuses.UnderLicensed));
        comparison.Products.Skip(1).ShouldAllBe(product => product.Status == ReconciliationStatuses.Matched);
    }

    [Fact]
    public void A_servers_only_product_compares_with_servers_only()
    {
        // 10 servers: 12 seats of server backup are 2 over, though the client has 50 devices.
        var comparison = ClientComparison.Of(Fifty, [Product(ServerBackup, "Server backup", 12, ProductCoverages.Servers)]);

        comparison.Products.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            product => product.CoveredDevices.ShouldBe(10),
            product => product.Variance.ShouldBe(-2),
            product => product.Status.ShouldBe(ReconciliationStatuses.OverLicensed));
        (comparison.Devices, comparison.DeviceLicenses, comparison.Variance, comparison.Status)
            .ShouldBe(((int?)50, 12, (int?)-2, ReconciliationStatuses.OverLicensed));
    }

    [Fact]
    public void Under_on_one_product_while_over_on_another_is_under_licensed_and_shows_the_least_covered_product()
    {
        // Workstations: 40 devices, 35 seats (+5). All devices: 50 devices, 60 seats (−10).
        var comparison = ClientComparison.Of(Fifty,
        [
            Product(Antivirus, "Antivirus", 60),
            Product(Backup, "Workstation backup", 35, ProductCoverages.Workstations),
        ]);

        (comparison.DeviceLicenses, comparison.Variance, comparison.Status)
            .ShouldBe((35, (int?)5, ReconciliationStatuses.UnderLicensed));
        comparison.Products.Select(product => (product.ProductId, product.CoveredDevices, product.Variance))
            .ShouldBe([(Backup, (int?)40, (int?)5), (Antivirus, (int?)50, (int?)-10)]);
    }

    [Fact]
    public void A_per_user_product_is_shown_but_never_counted_as_device_licences()
    {
        var comparison = ClientComparison.Of(Fifty,
            [Product(Microsoft365, "Microsoft 365", 390, ProductCoverages.Users), Product(Rmm, "RMM", 50)]);

        (comparison.DeviceLicenses, comparison.Variance, comparison.Status)
            .ShouldBe((50, (int?)0, ReconciliationStatuses.Matched));
        comparison.Products.Last().ShouldSatisfyAllConditions(
            users => users.ProductId.ShouldBe(Microsoft365),
            users => users.CoveredDevices.ShouldBeNull(),
            users => users.Variance.ShouldBeNull(),
            users => users.Status.ShouldBe(ReconciliationStatuses.NotCompared));
    }

    [Theory]
    [InlineData(7, 7, ReconciliationStatuses.UnderLicensed)]
    [InlineData(0, 0, ReconciliationStatuses.Matched)]
    public void Devices_without_any_per_device_product_are_all_unlicensed(int devices, int variance, string status)
    {
        var comparison = ClientComparison.Of(new DeviceCounts(devices, 0, 0),
            [Product(Microsoft365, "Microsoft 365", 12, ProductCoverages.Users)]);

        (comparison.Devices, comparison.DeviceLicenses, comparison.Variance, comparison.Status)
            .ShouldBe(((int?)devices, 0, (int?)variance, status));
    }

    [Fact]
    public void A_client_no_snapshot_covers_has_no_data_and_no_variance()
    {
        var comparison = ClientComparison.Of(null, [Product(Antivirus, "Antivirus", 4), Product(Backup, "Backup", 6)]);

        (comparison.Devices, comparison.DeviceLicenses, comparison.Variance, comparison.Status)
            .ShouldBe(((int?)null, 4, (int?)null, ReconciliationStatuses.NoData));
        comparison.Products.ShouldAllBe(product => product.Status == ReconciliationStatuses.NoData && product.Variance == null);
    }

    [Theory]
    [InlineData(ProductCoverages.Workstations, 40)]
    [InlineData(ProductCoverages.Servers, 10)]
    [InlineData(ProductCoverages.Devices, 53)]
    public void Each_class_of_coverage_counts_its_devices(string coverage, int covered) =>
        new DeviceCounts(40, 10, 3).Covered(coverage).ShouldBe(covered);

    internal static CoveringProduct Product(Guid id, string name, int quantity, string covers = ProductCoverages.Devices,
        decimal? price = null) => new(id, name, covers, quantity, price, price is null ? null : "AUD");
}

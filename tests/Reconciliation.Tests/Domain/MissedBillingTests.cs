using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Domain;

namespace BillingOne.Reconciliation.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class MissedBillingTests
{
    private static readonly Guid ClientId = Guid.Parse("0199a000-0000-7000-8000-000000000001");
    private static readonly Guid BucketId = Guid.Parse("0199a000-0000-7000-8000-0000000000b1");

    private static readonly Guid Antivirus = Guid.Parse("0199a000-0000-7000-8000-0000000000a1");
    private static readonly Guid Backup = Guid.Parse("0199a000-0000-7000-8000-0000000000a2");
    private static readonly Guid Rmm = Guid.Parse("0199a000-0000-7000-8000-0000000000a3");
    private static readonly Guid ServerBackup = Guid.Parse("0199a000-0000-7000-8000-0000000000a4");

    [Fact]
    public void The_average_device_licence_price_weighs_per_device_products_by_seats_in_the_main_currency()
    {
        // (10 × 12.50 + 5 × 20.00 + 3 × 7.333) ÷ 18 = 246.999 ÷ 18 = 13.722166…, shown as 13.7222. The unpriced product,
        // the per-user product and the NZD product (fewer seats than AUD's 18) do not count.
        var average = MissedBilling.AveragePrice(
        [
            Priced(Antivirus, 10, 12.50m),
            Priced(Backup, 5, 20.00m, ProductCoverages.Servers),
            Priced(Rmm, 3, 7.333m, ProductCoverages.Workstations),
            new CoveringProduct(ServerBackup, "Unpriced", ProductCoverages.Devices, 40, null, "AUD"),
            Priced(ServerBackup, 400, 5m, ProductCoverages.Users),
            Priced(Rmm, 17, 30m) with { Currency = "NZD" },
        ]);

        average.ShouldBe(new AverageDeviceLicensePrice(246.999m / 18, "AUD"));
        average!.ShownPrice.ShouldBe(13.7222m);
    }

    [Fact]
    public void Unlicensed_devices_cost_the_unrounded_average_and_only_the_line_is_rounded()
    {
        // (1 × 7.1806 + 2 × 7.1804) ÷ 3 = 7.180466…: 30 × it = 215.414 → 215.41. The average rounded first (7.1805)
        // would give 30 × 7.1805 = 215.415 → 215.42.
        var average = MissedBilling.AveragePrice([Priced(Antivirus, 1, 7.1806m), Priced(Backup, 2, 7.1804m)])!;

        var gap = MissedBilling.LicenceGaps(ClientId, Compare(30, []), null, average).ShouldHaveSingleItem();

        (gap.Kind, gap.Amount, gap.Currency).ShouldBe((MissedBillingKinds.UnlicensedDevices, (decimal?)215.41m, "AUD"));
        gap.Evidence.ShouldBe("30 devices in the latest snapshot and no device licence: 30 × 7.1805 AUD, the " +
            "organization's average device licence price a month.");
    }

    [Fact]
    public void Without_a_priced_device_licence_there_is_no_average() =>
        MissedBilling.AveragePrice([new CoveringProduct(Antivirus, "Antivirus", ProductCoverages.Devices, 3, null, "AUD"),
            Priced(Backup, 0, 12m)]).ShouldBeNull();

    [Fact]
    public void Forty_five_seats_of_one_of_three_products_on_fifty_devices_is_missed_billing_of_5_at_that_products_price()
    {
        // Backup is 5 short at 12.50 a month: 62.50. Antivirus and RMM (matched, and dearer) add nothing.
        var comparison = Compare(50,
            [Priced(Antivirus, 50, 38.00m), Priced(Backup, 45, 12.50m), Priced(Rmm, 50, 4.00m)]);

        var gap = MissedBilling.LicenceGaps(ClientId, comparison, "AUD", new AverageDeviceLicensePrice(99m, "AUD"))
            .ShouldHaveSingleItem();

        (gap.Kind, gap.Amount, gap.Currency, gap.Key, gap.ProductId, gap.ProductName).ShouldBe(
            (MissedBillingKinds.UnderLicensed, (decimal?)62.50m, "AUD", $"under-licensed:{ClientId}:{Backup}",
                (Guid?)Backup, "Backup"));
        gap.Evidence.ShouldBe("50 devices in the latest snapshot, 45 licences of 'Backup': 5 unlicensed × 12.50 AUD " +
            "per licence a month.");
    }

    [Fact]
    public void Missed_billing_is_summed_per_under_licensed_product_each_at_its_own_price()
    {
        // 40 workstations, 10 servers. Workstation backup 36 seats: 4 × 9.99 = 39.96. Server backup 7 seats: 3 × 38.00 =
        // 114.00. Antivirus (60 seats on 50 devices) is over and adds nothing.
        var comparison = ClientComparison.Of(new DeviceCounts(40, 10, 0),
        [
            Priced(Antivirus, 60, 5.00m),
            Priced(Backup, 36, 9.99m, ProductCoverages.Workstations),
            Priced(ServerBackup, 7, 38.00m, ProductCoverages.Servers),
        ]);

        var gaps = MissedBilling.LicenceGaps(ClientId, comparison, "AUD", null).ToList();

        gaps.Select(gap => (gap.ProductId, gap.Amount)).ShouldBe(
            [((Guid?)Backup, (decimal?)39.96m), (ServerBackup, 114.00m)], ignoreOrder: true);
        gaps.Sum(gap => gap.Amount).ShouldBe(153.96m);
        gaps.Single(gap => gap.ProductId == ServerBackup).Evidence.ShouldStartWith(
            "10 servers in the latest snapshot, 7 licences of 'Server backup': 3 unlicensed");
    }

    [Fact]
    public void Under_licensing_of_a_product_without_a_unit_price_has_no_estimate_and_says_why()
    {
        var gap = MissedBilling.LicenceGaps(ClientId,
            Compare(14, [new CoveringProduct(Backup, "Backup", ProductCoverages.Devices, 10, null, null)]), "AUD", null)
            .ShouldHaveSingleItem();

        gap.Amount.ShouldBeNull();
        gap.Evidence.ShouldEndWith("no estimate: the product has no unit price.");
    }

    [Fact]
    public void Devices_without_any_device_licence_cost_the_organizations_average_rounded_half_away_from_zero()
    {
        // 7 × 13.7222 = 96.0554 → 96.06; 1 × 2.0050 = 2.005 → 2.01.
        var seven = MissedBilling.LicenceGaps(ClientId, Compare(7, []), null,
            new AverageDeviceLicensePrice(13.7222m, "AUD")).ShouldHaveSingleItem();
        var one = MissedBilling.LicenceGaps(ClientId, Compare(1, []), "AUD",
            MissedBilling.AveragePrice([Priced(Antivirus, 2, 2.005m)])).ShouldHaveSingleItem();

        (seven.Kind, seven.Amount, seven.Currency).ShouldBe((MissedBillingKinds.UnlicensedDevices, (decimal?)96.06m, "AUD"));
        one.Amount.ShouldBe(2.01m);
    }

    [Fact]
    public void Devices_without_licences_in_an_organization_without_priced_licences_have_no_estimate()
    {
        var gap = MissedBilling.LicenceGaps(ClientId, Compare(7, []), "AUD", null).ShouldHaveSingleItem();

        (gap.Kind, gap.Amount, gap.Currency).ShouldBe((MissedBillingKinds.UnlicensedDevices, (decimal?)null, "AUD"));
        gap.Evidence.ShouldContain("no estimate");
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(3, 5)]
    [InlineData(0, 0)]
    public void Matched_and_over_licensed_clients_show_no_licence_gap(int devices, int licences) =>
        MissedBilling.LicenceGaps(ClientId, Compare(devices, licences == 0 ? [] : [Priced(Antivirus, licences, 10m)]),
            "AUD", null).ShouldBeEmpty();

    [Fact]
    public void No_data_shows_no_licence_gap() =>
        MissedBilling.LicenceGaps(ClientId, ClientComparison.Of(null, []), "AUD", new AverageDeviceLicensePrice(10m, "AUD"))
            .ShouldBeEmpty();

    [Fact]
    public void An_overage_no_invoice_covers_is_a_gap_of_its_bucket_and_month()
    {
        var gap = MissedBilling.OverageGap(Overage(40.00m, invoiced: false))!;

        (gap.Kind, gap.BucketId, gap.Year, gap.Month, gap.Amount, gap.Currency).ShouldBe(
            (MissedBillingKinds.UninvoicedOverage, (Guid?)BucketId, (int?)2026, (int?)10, (decimal?)40.00m, "AUD"));
        gap.Key.ShouldBe($"uninvoiced-overage:{ClientId}:{BucketId}:2026-10");
        gap.Evidence.ShouldBe("Bucket 'Backup' finalized 2026-10 with an overage of 40.00 AUD (usage 140 over a commit " +
            "of 100); no invoice 'BillingOne 2026-10' of the client covers it.");
    }

    [Theory]
    [InlineData(40.00, true)]
    [InlineData(0, false)]
    public void A_covered_or_empty_overage_is_no_gap(double overage, bool invoiced) =>
        MissedBilling.OverageGap(Overage((decimal)overage, invoiced)).ShouldBeNull();

    [Fact]
    public void The_invoice_reference_is_the_draft_pushs() =>
        (MissedBilling.InvoiceReference(2026, 3), MissedBilling.IsInvoiceReference("BillingOne 2026-03"),
            MissedBilling.IsInvoiceReference("INV-0042")).ShouldBe(("BillingOne 2026-03", true, false));

    private static ClientComparison Compare(int workstations, IReadOnlyCollection<CoveringProduct> products) =>
        ClientComparison.Of(new DeviceCounts(workstations, 0, 0), products);

    private static CoveringProduct Priced(Guid id, int quantity, decimal price, string covers = ProductCoverages.Devices) =>
        new(id, id == Antivirus ? "Antivirus" : id == Backup ? "Backup" : id == Rmm ? "RMM" : "Server backup", covers,
            quantity, price, "AUD");

    private static FinalizedOverage Overage(decimal overage, bool invoiced) =>
        new(ClientId, BucketId, "Backup", 2026, 10, "AUD", overage, 140m, 100m, invoiced);
}

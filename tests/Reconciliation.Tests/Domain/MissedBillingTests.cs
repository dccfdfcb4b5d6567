using BillingOne.Reconciliation.Domain;

namespace BillingOne.Reconciliation.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class MissedBillingTests
{
    private static readonly Guid ClientId = Guid.Parse("0199a000-0000-7000-8000-000000000001");
    private static readonly Guid BucketId = Guid.Parse("0199a000-0000-7000-8000-0000000000b1");

    [Fact]
    public void The_average_device_licence_price_weighs_clients_by_licences_in_the_main_currency()
    {
        // (10 × 12.50 + 5 × 20.00 + 3 × 7.333) ÷ 18 = 246.999 ÷ 18 = 13.722166…, shown as 13.7222. The unpriced client
        // and the NZD client (fewer licences than AUD's 18) do not count.
        var average = MissedBilling.AveragePrice(
        [
            new ClientLicenses(10, 12.50m, "AUD"),
            new ClientLicenses(5, 20.00m, "AUD"),
            new ClientLicenses(3, 7.333m, "AUD"),
            new ClientLicenses(40, null, "AUD"),
            new ClientLicenses(0, 99m, "AUD"),
            new ClientLicenses(17, 30m, "NZD"),
        ]);

        average.ShouldBe(new AverageDeviceLicensePrice(246.999m / 18, "AUD"));
        average!.ShownPrice.ShouldBe(13.7222m);
    }

    [Fact]
    public void Unlicensed_devices_cost_the_unrounded_average_and_only_the_line_is_rounded()
    {
        // (1 × 7.1806 + 2 × 7.1804) ÷ 3 = 7.180466…: 30 × it = 215.414 → 215.41. The average rounded first (7.1805)
        // would give 30 × 7.1805 = 215.415 → 215.42.
        var average = MissedBilling.AveragePrice([new ClientLicenses(1, 7.1806m, "AUD"), new ClientLicenses(2, 7.1804m, "AUD")])!;

        var gap = MissedBilling.LicenceGap(ClientId, ClientComparison.Of(30, 0), null, average)!;

        (gap.Kind, gap.Amount, gap.Currency).ShouldBe((MissedBillingKinds.UnlicensedDevices, (decimal?)215.41m, "AUD"));
        gap.Evidence.ShouldBe("30 devices in the latest snapshot and no device licence: 30 × 7.1805 AUD, the " +
            "organization's average device licence price a month.");
    }

    [Fact]
    public void Without_a_priced_device_licence_there_is_no_average() =>
        MissedBilling.AveragePrice([new ClientLicenses(3, null, "AUD"), new ClientLicenses(0, 12m, "AUD")]).ShouldBeNull();

    [Fact]
    public void Under_licensing_costs_the_variance_at_the_clients_unit_price()
    {
        var gap = MissedBilling.LicenceGap(ClientId, ClientComparison.Of(14, 10), new ClientLicenses(10, 12.50m, "AUD"),
            new AverageDeviceLicensePrice(99m, "AUD"))!;

        (gap.Kind, gap.Amount, gap.Currency, gap.Key).ShouldBe(
            (MissedBillingKinds.UnderLicensed, (decimal?)50.00m, "AUD", $"under-licensed:{ClientId}"));
        gap.Evidence.ShouldBe("14 devices in the latest snapshot, 10 device licences: 4 unlicensed × 12.50 AUD per " +
            "device licence a month.");
    }

    [Fact]
    public void Under_licensing_without_a_unit_price_has_no_estimate_and_says_why()
    {
        var gap = MissedBilling.LicenceGap(ClientId, ClientComparison.Of(14, 10), new ClientLicenses(10, null, "AUD"), null)!;

        gap.Amount.ShouldBeNull();
        gap.Evidence.ShouldEndWith("no estimate: the client's device licences have no unit price.");
    }

    [Fact]
    public void Devices_without_any_device_licence_cost_the_organizations_average_rounded_half_away_from_zero()
    {
        // 7 × 13.7222 = 96.0554 → 96.06; 1 × 2.0050 = 2.005 → 2.01.
        var seven = MissedBilling.LicenceGap(ClientId, ClientComparison.Of(7, 0), null,
            new AverageDeviceLicensePrice(13.7222m, "AUD"))!;
        var one = MissedBilling.LicenceGap(ClientId, ClientComparison.Of(1, 0), new ClientLicenses(0, null, "AUD"),
            MissedBilling.AveragePrice([new ClientLicenses(2, 2.005m, "AUD")]))!;

        (seven.Kind, seven.Amount, seven.Currency).ShouldBe((MissedBillingKinds.UnlicensedDevices, (decimal?)96.06m, "AUD"));
        one.Amount.ShouldBe(2.01m);
    }

    [Fact]
    public void Devices_without_licences_in_an_organization_without_priced_licences_have_no_estimate()
    {
        var gap = MissedBilling.LicenceGap(ClientId, ClientComparison.Of(7, 0), null, null)!;

        (gap.Kind, gap.Amount).ShouldBe((MissedBillingKinds.UnlicensedDevices, (decimal?)null));
        gap.Evidence.ShouldContain("no estimate");
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(3, 5)]
    [InlineData(0, 0)]
    public void Matched_and_over_licensed_clients_show_no_licence_gap(int devices, int licences) =>
        MissedBilling.LicenceGap(ClientId, ClientComparison.Of(devices, licences), new ClientLicenses(licences, 10m, "AUD"),
            null).ShouldBeNull();

    [Fact]
    public void No_data_shows_no_licence_gap() =>
        MissedBilling.LicenceGap(ClientId, ClientComparison.Of(null, 0), null, new AverageDeviceLicensePrice(10m, "AUD"))
            .ShouldBeNull();

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

    private static FinalizedOverage Overage(decimal overage, bool invoiced) =>
        new(ClientId, BucketId, "Backup", 2026, 10, "AUD", overage, 140m, 100m, invoiced);
}

using BillingOne.Contracts.Events;
using BillingOne.Contracts.Money;
using BillingOne.Subscription.Connectors.Pax8;
using BillingOne.Subscription.Domain.Licensing;

namespace BillingOne.Subscription.Tests.Domain.Licensing;

[Trait("Category", "Unit")]
public class ClientLicenseRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 18, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    private static LicensedSubscription Subscription(int quantity, decimal price, DateTimeOffset start,
        Pax8BillingTerm term = Pax8BillingTerm.Monthly, string status = "active", DateTimeOffset? end = null,
        string? unit = null, decimal? catalogPrice = null, string currency = "AUD", DateTimeOffset? removedAt = null) =>
        new(quantity, new Money(price, currency), term, status, start, end, removedAt, unit,
            catalogPrice is { } catalog ? new Money(catalog, currency) : null);

    private static decimal[] Amounts(ClientLicenseFigures figures) => [.. figures.MrrHistory.Select(month => month.Amount)];

    [Fact]
    public void Monthly_and_annual_subscriptions_add_their_monthly_values_and_count_licences_by_the_catalog_unit()
    {
        var figures = ClientLicenseRule.Compute([
            // 10 × 5.00 a month = 50.00; the catalog prices a device licence at 4.50.
            Subscription(10, 5.00m, Utc(2026, 3, 15), unit: LicenceUnits.Device, catalogPrice: 4.50m),
            // 11 × 33.00 a year = 363.00 ÷ 12 = 30.25.
            Subscription(11, 33.00m, Utc(2025, 6, 1), Pax8BillingTerm.Annual, unit: LicenceUnits.User),
            // 5 × 60.00 a year = 25.00 a month; no catalog price, so 60.00 ÷ 12 = 5.00 per device.
            Subscription(5, 60.00m, Utc(2026, 7, 1), Pax8BillingTerm.Annual, unit: LicenceUnits.Device),
            // Cancelled: counted until its end date only, never as a licence.
            Subscription(4, 10.00m, Utc(2026, 1, 10), status: "cancelled", end: Utc(2026, 6, 15), unit: LicenceUnits.Device),
            // Cancelled without an end date: counts for no month.
            Subscription(2, 20.00m, Utc(2025, 1, 1), status: "cancelled", unit: LicenceUnits.Device),
            // A product that counts as no licence: MRR only (3 × 7.00 = 21.00).
            Subscription(3, 7.00m, Utc(2026, 11, 20)),
        ], Now);

        figures.LeftOutCurrencies.ShouldBeEmpty();
        var result = figures.Figures;
        result.Currency.ShouldBe("AUD");
        result.MrrAmount.ShouldBe(126.25m); // 50.00 + 30.25 + 25.00 + 21.00
        result.ActiveSubscriptions.ShouldBe(4);
        result.DeviceLicenses.ShouldBe(15);
        result.UserLicenses.ShouldBe(11);
        result.DeviceLicenseUnitPrice.ShouldBe(4.6667m); // (10 × 4.50 + 5 × 5.00) ÷ 15 = 4.666…
    }

    [Fact]
    public void A_subscription_pax8_calls_active_counts_towards_mrr_and_licences_only_from_its_start_date()
    {
        var starts = Utc(2027, 3, 1);
        LicensedSubscription[] subscriptions =
        [
            Subscription(10, 5.00m, Utc(2026, 3, 15), unit: LicenceUnits.Device), // 50.00
            // Bought ahead, starting on March 1st: 20 × 6.00 = 120.00 (the catalog prices the device at 9.00) and
            // 4 × 33.00 = 132.00 AUD. The USD one does not take the MRR's currency before it starts either.
            Subscription(20, 6.00m, starts, unit: LicenceUnits.Device, catalogPrice: 9.00m),
            Subscription(4, 33.00m, starts, unit: LicenceUnits.User),
            Subscription(2, 100.00m, starts, currency: "USD"), // 200.00, more than 50.00 AUD
        ];

        var before = ClientLicenseRule.Compute(subscriptions, starts.AddTicks(-1));
        // 20:00 at UTC−5 on February 28th is 01:00 on March 1st in UTC.
        var started = ClientLicenseRule.Compute(subscriptions,
            new DateTimeOffset(2027, 2, 28, 20, 0, 0, TimeSpan.FromHours(-5)));

        before.LeftOutCurrencies.ShouldBeEmpty();
        var figures = before.Figures;
        (figures.Currency, figures.MrrAmount, figures.ActiveSubscriptions, figures.DeviceLicenses, figures.UserLicenses,
            figures.DeviceLicenseUnitPrice).ShouldBe(("AUD", 50.00m, 1, 10, 0, (decimal?)5.0000m));
        // The trend's current month agrees with the headline.
        Amounts(figures)[^1].ShouldBe(50.00m);
        started.LeftOutCurrencies.ShouldBe(["USD"]);
        figures = started.Figures;
        // 50.00 + 120.00 + 132.00; (10 × 5.00 + 20 × 9.00) ÷ 30 = 7.666…
        (figures.Currency, figures.MrrAmount, figures.ActiveSubscriptions, figures.DeviceLicenses, figures.UserLicenses,
            figures.DeviceLicenseUnitPrice).ShouldBe(("AUD", 302.00m, 4, 30, 4, (decimal?)7.6667m));
        Amounts(figures)[^1].ShouldBe(302.00m);
    }

    [Fact]
    public void The_history_holds_the_mrr_at_the_end_of_each_of_the_last_twelve_months()
    {
        var figures = ClientLicenseRule.Compute([
            Subscription(10, 5.00m, Utc(2026, 3, 15), unit: LicenceUnits.Device, catalogPrice: 4.50m),
            Subscription(11, 33.00m, Utc(2025, 6, 1), Pax8BillingTerm.Annual, unit: LicenceUnits.User),
            Subscription(5, 60.00m, Utc(2026, 7, 1), Pax8BillingTerm.Annual, unit: LicenceUnits.Device),
            Subscription(4, 10.00m, Utc(2026, 1, 10), status: "cancelled", end: Utc(2026, 6, 15), unit: LicenceUnits.Device),
            Subscription(2, 20.00m, Utc(2025, 1, 1), status: "cancelled", unit: LicenceUnits.Device),
            Subscription(3, 7.00m, Utc(2026, 11, 20)),
        ], Now).Figures;

        figures.MrrHistory.Select(month => (month.Year, month.Month)).ShouldBe(
            [.. Enumerable.Range(1, 12).Select(month => (2026, month))]);
        // Jan–Feb: 30.25 + the cancelled 40.00; Mar–May: + 50.00; Jun: the cancelled one ended on the 15th;
        // Jul: + 25.00 (it starts on July 1st, after June's end); Nov: + 21.00.
        Amounts(figures).ShouldBe([70.25m, 70.25m, 120.25m, 120.25m, 120.25m, 80.25m, 105.25m, 105.25m, 105.25m,
            105.25m, 126.25m, 126.25m]);
    }

    [Fact]
    public void The_history_window_crosses_the_year_with_the_current_month_last()
    {
        var figures = ClientLicenseRule.Compute([Subscription(1, 9.99m, Utc(2026, 12, 31))],
            new DateTimeOffset(2027, 2, 10, 23, 0, 0, TimeSpan.FromHours(-5))).Figures;

        figures.MrrHistory[0].ShouldBe(new MonthlyRecurringRevenue(2026, 3, 0.00m));
        figures.MrrHistory[9].ShouldBe(new MonthlyRecurringRevenue(2026, 12, 9.99m));
        // 23:00 at UTC−5 is already February 11th in UTC.
        figures.MrrHistory[^1].ShouldBe(new MonthlyRecurringRevenue(2027, 2, 9.99m));
    }

    [Fact]
    public void Several_currencies_take_the_largest_and_leave_the_others_out_of_the_money_but_not_the_licences()
    {
        var computation = ClientLicenseRule.Compute([
            Subscription(10, 5.00m, Utc(2026, 10, 1), unit: LicenceUnits.Device), // 50.00 AUD
            Subscription(3, 30.00m, Utc(2026, 10, 1), unit: LicenceUnits.Device, catalogPrice: 28.00m, currency: "USD"), // 90.00 USD
        ], Now);

        computation.LeftOutCurrencies.ShouldBe(["AUD"]);
        var figures = computation.Figures;
        figures.Currency.ShouldBe("USD");
        figures.MrrAmount.ShouldBe(90.00m);
        figures.ActiveSubscriptions.ShouldBe(2);
        figures.DeviceLicenses.ShouldBe(13);
        figures.DeviceLicenseUnitPrice.ShouldBe(28.0000m);
        Amounts(figures).ShouldBe([0m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 90.00m, 90.00m, 90.00m]);
    }

    [Fact]
    public void Without_an_active_subscription_there_is_no_currency_and_the_history_keeps_the_cancelled_months()
    {
        var figures = ClientLicenseRule.Compute([
            Subscription(2, 15.00m, Utc(2025, 12, 1), status: "cancelled", end: Utc(2026, 3, 1), currency: "NZD"),
        ], Now).Figures;

        figures.Currency.ShouldBeNull();
        figures.MrrAmount.ShouldBe(0m);
        figures.ActiveSubscriptions.ShouldBe(0);
        figures.DeviceLicenseUnitPrice.ShouldBeNull();
        // Ending at the first instant of March, it was live at the end of January and of February.
        Amounts(figures).ShouldBe([30.00m, 30.00m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 0m]);
    }

    [Fact]
    public void A_removed_subscription_counts_only_before_it_went_and_an_unpriced_one_time_purchase_licenses_without_a_price()
    {
        var figures = ClientLicenseRule.Compute([
            Subscription(6, 12.00m, Utc(2026, 7, 20), removedAt: Utc(2026, 9, 10), unit: LicenceUnits.Device),
            Subscription(7, 100.00m, Utc(2026, 11, 1), Pax8BillingTerm.OneTime, unit: LicenceUnits.Device),
        ], Now).Figures;

        figures.Currency.ShouldBe("AUD");
        figures.MrrAmount.ShouldBe(0.00m);
        figures.ActiveSubscriptions.ShouldBe(1);
        figures.DeviceLicenses.ShouldBe(7);
        figures.DeviceLicenseUnitPrice.ShouldBeNull();
        // 6 × 12.00 = 72.00 at the end of July and August; removed on September 10th.
        Amounts(figures).ShouldBe([0m, 0m, 0m, 0m, 0m, 0m, 72.00m, 72.00m, 0m, 0m, 0m, 0m]);
    }

    [Fact]
    public void Figures_compare_amounts_by_value()
    {
        var history = new List<MonthlyRecurringRevenue> { new(2026, 12, 30.25m) };
        var published = new ClientLicenseFigures("AUD", 30.25m, 1, 0, 11, null, history);

        published.SameAs(published with { MrrAmount = 30.2500m, MrrHistory = [new(2026, 12, 30.250m)] }).ShouldBeTrue();
        published.SameAs(published with { MrrHistory = [new(2026, 12, 30.26m)] }).ShouldBeFalse();
        published.SameAs(published with { DeviceLicenseUnitPrice = 4.5m }).ShouldBeFalse();
    }

    [Fact]
    public void Each_covering_product_is_listed_with_its_own_seats_and_price_never_summed_with_another_product()
    {
        var antivirus = Guid.Parse("0199a000-0000-7000-8000-0000000000a1");
        var serverBackup = Guid.Parse("0199a000-0000-7000-8000-0000000000a4");
        var microsoft365 = Guid.Parse("0199a000-0000-7000-8000-0000000000a5");
        var started = Utc(2026, 1, 1);
        var figures = ClientLicenseRule.Compute(
        [
            // Antivirus, two subscriptions: 30 at 5.00 and 20 at 6.00 a month → 50 seats at (150 + 120) ÷ 50 = 5.40.
            Subscription(30, 5.00m, started, unit: LicenceUnits.Device) with { ProductId = antivirus, ProductName = "Antivirus" },
            Subscription(20, 6.00m, started, unit: LicenceUnits.Device) with { ProductId = antivirus, ProductName = "Antivirus" },
            // Server backup, 38.00 a month by the catalog, covers servers.
            Subscription(10, 40.00m, started, unit: LicenceUnits.Device, catalogPrice: 38.00m) with
            {
                ProductId = serverBackup, ProductName = "Server backup", DeviceClass = ProductCoverages.Servers,
            },
            // 390 Microsoft 365 seats cover users, 22.00 × 12 a year → 22.00 a month.
            Subscription(390, 264.00m, started, Pax8BillingTerm.Annual, unit: LicenceUnits.User) with
            {
                ProductId = microsoft365, ProductName = "Microsoft 365",
            },
            // No licence: not a covering product.
            Subscription(3, 7.00m, started) with { ProductId = Guid.NewGuid(), ProductName = "Domain" },
        ], Now).Figures;

        figures.Products.ShouldBe(
        [
            new CoveringProduct(antivirus, "Antivirus", ProductCoverages.Devices, 50, 5.4000m, "AUD"),
            new CoveringProduct(microsoft365, "Microsoft 365", ProductCoverages.Users, 390, 22.0000m, "AUD"),
            new CoveringProduct(serverBackup, "Server backup", ProductCoverages.Servers, 10, 38.0000m, "AUD"),
        ]);
    }
}

using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Projection.Projections;

namespace BillingOne.Projection.Tests.Domain;

/// <summary>What the appliers refuse before an event is logged: it would otherwise be replayed by every rebuild.</summary>
[Trait("Category", "Unit")]
public sealed class EventApplierValidationTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    private static ClientReconciled Reconciled(string status = "under-licensed", long version = 1, string? currency = "AUD") =>
        new(Guid.NewGuid(), Guid.NewGuid(), version, At, Guid.NewGuid(), At, 12, 10, 2, status, 20m, currency);

    private static InvoiceUpserted Invoice(string status = "draft", string currency = "AUD", long version = 1) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "xero", null, "Contact", "INV-1", null, status, null, null, currency, 110m, 110m,
            version, At);

    private static ClientLicensesChanged Licenses(int month = 11, int deviceLicenses = 10) =>
        new(Guid.NewGuid(), Guid.NewGuid(), 1, At, "AUD", 100m, 1, deviceLicenses, 0, 10m,
            [new MonthlyRecurringRevenue(2026, month, 100m)]);

    [Fact]
    public void Well_formed_events_pass()
    {
        new ClientReconciledApplier().Validate(Reconciled());
        new ClientReconciledApplier().Validate(Reconciled("no-data", currency: null));
        new InvoiceUpsertedApplier().Validate(Invoice("deleted"));
        new ClientLicensesChangedApplier().Validate(Licenses());
    }

    [Theory]
    [InlineData("Matched", "status")]
    [InlineData("unknown", "status")]
    public void A_reconciliation_status_outside_the_four_codes_is_refused(string status, string named)
    {
        Should.Throw<MessageValidationException>(() => new ClientReconciledApplier().Validate(Reconciled(status)))
            .Message.ShouldContain(named);
    }

    [Fact]
    public void Versions_start_at_1()
    {
        Should.Throw<MessageValidationException>(() => new ClientReconciledApplier().Validate(Reconciled(version: 0)))
            .Message.ShouldContain("versions start at 1");
        Should.Throw<MessageValidationException>(() => new InvoiceUpsertedApplier().Validate(Invoice(version: 0)))
            .Message.ShouldContain("versions start at 1");
    }

    [Theory]
    [InlineData("pending", "AUD", "status")]
    [InlineData("draft", "aud", "currency")]
    [InlineData("draft", "XYZ1", "currency")]
    public void An_invoice_with_a_status_or_currency_the_list_does_not_know_is_refused(string status, string currency, string named)
    {
        Should.Throw<MessageValidationException>(() => new InvoiceUpsertedApplier().Validate(Invoice(status, currency)))
            .Message.ShouldContain(named);
    }

    private static ClientBillingFinalized AprilWithAnAdjustmentOf(int? year, int? month)
    {
        var bucketId = Guid.NewGuid();
        return new ClientBillingFinalized(Guid.NewGuid(), Guid.NewGuid(), 2026, 4, "AUD", At, 64.25m,
        [
            new FinalizedBillingLine(bucketId, "Backup", "storage-gb", "reading", 120m, 100m, 50m, 10m, 60m, null, null),
            new FinalizedBillingLine(bucketId, "Backup", "storage-gb", "adjustment", 18.5m, 100m, 0m, 4.25m, 4.25m, year,
                month),
        ]);
    }

    [Theory]
    [InlineData(2026, 3)]
    [InlineData(2025, 12)]
    public void An_adjustment_of_an_earlier_month_passes(int year, int month) =>
        new ClientBillingFinalizedApplier().Validate(AprilWithAnAdjustmentOf(year, month));

    [Theory]
    [InlineData(2026, 4)]
    [InlineData(2026, 5)]
    [InlineData(2026, 13)]
    [InlineData(null, null)]
    public void An_adjustment_that_names_no_earlier_month_as_the_one_it_corrects_is_refused(int? year, int? month)
    {
        Should.Throw<MessageValidationException>(() =>
                new ClientBillingFinalizedApplier().Validate(AprilWithAnAdjustmentOf(year, month)))
            .Message.ShouldContain("earlier month");
    }

    [Fact]
    public void Licence_figures_need_real_months_and_no_negative_counts()
    {
        Should.Throw<MessageValidationException>(() => new ClientLicensesChangedApplier().Validate(Licenses(month: 13)))
            .Message.ShouldContain("month");
        Should.Throw<MessageValidationException>(() => new ClientLicensesChangedApplier().Validate(Licenses(deviceLicenses: -1)))
            .Message.ShouldContain("negative");
    }
}

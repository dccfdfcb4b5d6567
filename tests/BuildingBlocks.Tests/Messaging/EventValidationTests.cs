using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Messaging;

/// <summary>What each event's own Validate refuses, for every consumer alike, before anything is stored.</summary>
[Trait("Category", "Unit")]
public sealed class EventValidationTests
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
        MessageValidationException.ThrowIfInvalid(Reconciled());
        MessageValidationException.ThrowIfInvalid(Reconciled("no-data", currency: null));
        MessageValidationException.ThrowIfInvalid(Invoice("deleted"));
        MessageValidationException.ThrowIfInvalid(Licenses());
    }

    [Theory]
    [InlineData("Matched", "status")]
    [InlineData("unknown", "status")]
    public void A_reconciliation_status_outside_the_four_codes_is_refused(string status, string named)
    {
        Should.Throw<MessageValidationException>(() => MessageValidationException.ThrowIfInvalid(Reconciled(status)))
            .Message.ShouldContain(named);
    }

    [Fact]
    public void Versions_start_at_1()
    {
        Should.Throw<MessageValidationException>(() => MessageValidationException.ThrowIfInvalid(Reconciled(version: 0)))
            .Message.ShouldContain("versions start at 1");
        Should.Throw<MessageValidationException>(() => MessageValidationException.ThrowIfInvalid(Invoice(version: 0)))
            .Message.ShouldContain("versions start at 1");
    }

    [Theory]
    [InlineData("pending", "AUD", "status")]
    [InlineData("draft", "aud", "currency")]
    [InlineData("draft", "XYZ1", "currency")]
    public void An_invoice_with_a_status_or_currency_the_list_does_not_know_is_refused(string status, string currency, string named)
    {
        Should.Throw<MessageValidationException>(() => MessageValidationException.ThrowIfInvalid(Invoice(status, currency)))
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
        MessageValidationException.ThrowIfInvalid(AprilWithAnAdjustmentOf(year, month));

    [Theory]
    [InlineData(2026, 4)]
    [InlineData(2026, 5)]
    [InlineData(2026, 13)]
    [InlineData(null, null)]
    public void An_adjustment_that_names_no_earlier_month_as_the_one_it_corrects_is_refused(int? year, int? month)
    {
        Should.Throw<MessageValidationException>(() =>
                MessageValidationException.ThrowIfInvalid(AprilWithAnAdjustmentOf(year, month)))
            .Message.ShouldContain("earlier month");
    }

    [Fact]
    public void Licence_figures_need_real_months_and_no_negative_counts()
    {
        Should.Throw<MessageValidationException>(() => MessageValidationException.ThrowIfInvalid(Licenses(month: 13)))
            .Message.ShouldContain("month");
        Should.Throw<MessageValidationException>(() => MessageValidationException.ThrowIfInvalid(Licenses(deviceLicenses: -1)))
            .Message.ShouldContain("negative");
    }

    /// <summary>
    /// What the invoice, reconciliation and projection services once judged three ways (a lower-case currency, a year
    /// before 2000, no lines): one Validate refuses each for all of them.
    /// </summary>
    [Theory]
    [InlineData("aud", 2026, true, "currency 'aud'")]
    [InlineData("AUD", 1999, true, "not a calendar month")]
    [InlineData("AUD", 2026, false, "has no lines")]
    public void A_finalized_month_every_consumer_refuses_alike(string currency, int year, bool withLines, string named)
    {
        var april = AprilWithAnAdjustmentOf(2026, 3);
        var message = april with { Currency = currency, Year = year, Lines = withLines ? april.Lines : [] };
        Should.Throw<MessageValidationException>(() => MessageValidationException.ThrowIfInvalid(message))
            .Message.ShouldContain(named);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_each_naming_its_event()
    {
        var problems = Invoice("pending", "aud", version: 0).Validate();
        problems.Count.ShouldBe(3);
        problems.ShouldAllBe(problem => problem.StartsWith("InvoiceUpserted "));
    }
}

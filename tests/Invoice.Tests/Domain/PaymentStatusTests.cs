using BillingOne.Invoice.Domain;

namespace BillingOne.Invoice.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class PaymentStatusTests
{
    [Fact]
    public void A_paid_invoice_says_when() =>
        PaymentStatus.Describe(InvoiceStatuses.Paid, 500m, 500m, new DateOnly(2026, 10, 3)).ShouldBe("Paid on 2026-10-03");

    [Fact]
    public void A_part_paid_invoice_says_how_much_of_what() =>
        PaymentStatus.Describe(InvoiceStatuses.Overdue, 500m, 120m, null).ShouldBe("Part paid: 120.00 of 500.00");

    [Fact]
    public void An_approved_invoice_without_payments_is_unpaid() =>
        PaymentStatus.Describe(InvoiceStatuses.Awaiting, 500m, 0m, null).ShouldBe("Unpaid");

    [Fact]
    public void A_draft_is_a_draft() => PaymentStatus.Describe(InvoiceStatuses.Draft, 500m, 0m, null).ShouldBe("Draft");
}

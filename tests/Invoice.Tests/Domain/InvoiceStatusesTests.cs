using BillingOne.Invoice.Domain;

namespace BillingOne.Invoice.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class InvoiceStatusesTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);

    [Theory]
    [InlineData("DRAFT", "draft")]
    [InlineData("SUBMITTED", "submitted")]
    [InlineData("PAID", "paid")]
    [InlineData("VOIDED", "voided")]
    [InlineData("DELETED", "voided")]
    [InlineData("authorised", "awaiting")]
    public void Xero_statuses_map_to_the_lists_words(string xero, string expected) =>
        InvoiceStatuses.FromVendor(xero, Today.AddDays(10), 100m, Today).ShouldBe(expected);

    [Fact]
    public void An_approved_invoice_with_money_due_after_its_due_date_is_overdue() =>
        InvoiceStatuses.FromVendor("AUTHORISED", Today.AddDays(-1), 0.01m, Today).ShouldBe(InvoiceStatuses.Overdue);

    [Fact]
    public void An_approved_invoice_due_today_is_still_awaiting_payment() =>
        InvoiceStatuses.FromVendor("AUTHORISED", Today, 500m, Today).ShouldBe(InvoiceStatuses.Awaiting);

    [Fact]
    public void An_approved_invoice_past_due_with_nothing_due_is_not_overdue() =>
        InvoiceStatuses.FromVendor("AUTHORISED", Today.AddDays(-30), 0m, Today).ShouldBe(InvoiceStatuses.Awaiting);

    [Fact]
    public void An_unknown_status_word_shows_as_submitted() =>
        InvoiceStatuses.FromVendor("SOMETHING_NEW", null, 10m, Today).ShouldBe(InvoiceStatuses.Submitted);

    [Theory]
    [InlineData("DRAFT", "draft")]
    [InlineData("PAID", "paid")]
    [InlineData("APPROVED", "awaiting")]
    [InlineData("VOID", "voided")]
    [InlineData("OVERDUE", "overdue")]
    public void SuperOps_statuses_map_to_the_lists_words(string superOps, string expected) =>
        InvoiceStatuses.FromVendor(superOps, Today.AddDays(10), 100m, Today).ShouldBe(expected);

    [Fact]
    public void An_approved_SuperOps_invoice_with_money_due_after_its_due_date_is_overdue_like_an_approved_Xero_one() =>
        InvoiceStatuses.FromVendor("APPROVED", Today.AddDays(-1), 20m, Today).ShouldBe(InvoiceStatuses.Overdue);

    [Fact]
    public void SuperOps_overdue_is_overdue_even_before_the_due_date() =>
        InvoiceStatuses.FromVendor("OVERDUE", Today.AddDays(5), 20m, Today).ShouldBe(InvoiceStatuses.Overdue);
}

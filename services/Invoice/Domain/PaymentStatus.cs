using System.Globalization;

namespace BillingOne.Invoice.Domain;

/// <summary>How far an invoice is paid, in the words the invoice page shows.</summary>
public static class PaymentStatus
{
    public static string Describe(string status, decimal total, decimal amountPaid, DateOnly? fullyPaidOn)
    {
        if (status is InvoiceStatuses.Draft)
        {
            return "Draft";
        }
        if (status is InvoiceStatuses.Voided)
        {
            return "Voided";
        }
        if (status is InvoiceStatuses.Paid || (total > 0 && amountPaid >= total))
        {
            return fullyPaidOn is { } paidOn
                ? $"Paid on {paidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
                : "Paid";
        }
        return amountPaid > 0
            ? string.Create(CultureInfo.InvariantCulture, $"Part paid: {amountPaid:0.00} of {total:0.00}")
            : "Unpaid";
    }
}

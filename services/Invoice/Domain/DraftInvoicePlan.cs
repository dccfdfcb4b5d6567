using System.Globalization;
using BillingOne.Contracts.Events;

namespace BillingOne.Invoice.Domain;

/// <summary>One line of a draft invoice as the accounting system receives it; amounts exclude tax.</summary>
/// <param name="AccountCode">The revenue account mapped to the line's billing type; null leaves Xero's default.</param>
/// <param name="TaxType">The Xero tax type mapped to the line's billing type; null leaves the account's default rate.</param>
public sealed record DraftInvoiceLine(string Description, decimal Quantity, decimal UnitAmount, string? AccountCode,
    string BillingType, string? TaxType = null);

/// <summary>
/// The draft invoice a client's finalized month becomes: a line per bucket (base plus overage) and one per adjustment of
/// an earlier month. The idempotency key is derived from organization, client, month and currency only, so every
/// attempt to push the same month — a redelivery, a retry after a restart — asks the accounting system for the same
/// invoice and gets at most one.
/// </summary>
public sealed record DraftInvoicePlan(
    string IdempotencyKey,
    string Reference,
    DateOnly Date,
    string Currency,
    decimal Total,
    IReadOnlyList<DraftInvoiceLine> Lines)
{
    /// <param name="taxTypes">The Xero tax type per billing type (Settings → Xero account mapping); none: Xero's defaults.</param>
    public static DraftInvoicePlan For(ClientBillingFinalized billed, IReadOnlyDictionary<string, string> accountCodes,
        IReadOnlyDictionary<string, string>? taxTypes = null)
    {
        var month = new DateOnly(billed.Year, billed.Month, 1);
        var lines = billed.Lines.Select(line => new DraftInvoiceLine(
                Describe(line, month), 1m, line.Cost, accountCodes.GetValueOrDefault(line.BillingType), line.BillingType,
                taxTypes?.GetValueOrDefault(line.BillingType)))
            .ToList();
        return new DraftInvoicePlan(
            IdempotencyKeyOf(billed.OrgId, billed.ClientId, billed.Year, billed.Month, billed.Currency),
            $"BillingOne {month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}",
            DateOnly.FromDateTime(billed.FinalizedAt.UtcDateTime),
            billed.Currency,
            lines.Sum(line => line.UnitAmount),
            lines);
    }

    public static string IdempotencyKeyOf(Guid orgId, Guid clientId, int year, int month, string currency) =>
        $"billingone-draft-{orgId:N}-{clientId:N}-{year:D4}{month:D2}-{currency}";

    private static string MonthName(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Describe(FinalizedBillingLine line, DateOnly month)
    {
        var usage = line.Usage.ToString("0.####", CultureInfo.InvariantCulture);
        if (line.Kind == "adjustment" && line.OriginalYear is { } year && line.OriginalMonth is { } originalMonth)
        {
            return $"{line.BucketName} — adjustment of {MonthName(new DateOnly(year, originalMonth, 1))}: {usage} units reported late";
        }
        var commit = line.CommitUnits.ToString("0.####", CultureInfo.InvariantCulture);
        return $"{line.BucketName} — {MonthName(month)}: {usage} used of {commit} committed; " +
            $"base {line.Base.ToString("0.00", CultureInfo.InvariantCulture)} + overage {line.Overage.ToString("0.00", CultureInfo.InvariantCulture)}";
    }
}

using System.ComponentModel;
using BillingOne.BuildingBlocks.Paging;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Projection.Apis;

/// <summary>The period a report covers.</summary>
public sealed record ReportPeriodParameters(
    [property: Description("A month YYYY-MM, a quarter YYYY-Qn or a year YYYY; leave out to give from and to.")]
    [FromQuery(Name = "period")] string? Period,
    [property: Description("First day of a custom range, YYYY-MM-DD (with to, instead of period).")]
    [FromQuery(Name = "from")] string? From,
    [property: Description("Last day of a custom range, YYYY-MM-DD, included (with from, instead of period).")]
    [FromQuery(Name = "to")] string? To);

/// <summary>Query parameters of a report's per-client table and its export (besides the paging).</summary>
public sealed record ReportTableParameters(
    [property: Description("A month YYYY-MM, a quarter YYYY-Qn or a year YYYY; leave out to give from and to.")]
    [FromQuery(Name = "period")] string? Period,
    [property: Description("First day of a custom range, YYYY-MM-DD (with to, instead of period).")]
    [FromQuery(Name = "from")] string? From,
    [property: Description("Last day of a custom range, YYYY-MM-DD, included (with from, instead of period).")]
    [FromQuery(Name = "to")] string? To,
    [property: Description("The column to sort by; the report's description lists them.")]
    [FromQuery(Name = "sort")] string? Sort,
    [property: Description("asc or desc; the client's name defaults to asc, figures to desc.")]
    [FromQuery(Name = "direction")] string? Direction);

/// <summary>What every report answers about its period.</summary>
/// <param name="Period">The period as asked: YYYY-MM, YYYY-Qn, YYYY or from..to.</param>
/// <param name="AsOf">The day (UTC) the figures were read: invoices due before it are overdue.</param>
public sealed record ReportPeriodResponse(
    string Period,
    [property: Description("First day covered.")] DateOnly From,
    [property: Description("Last day covered (included).")] DateOnly To,
    [property: Description("The calendar months the days touch, YYYY-MM, oldest first.")] IReadOnlyList<string> Months,
    DateOnly AsOf);

public sealed record RevenueByClientResponse(
    ReportPeriodResponse Period,
    [property: Description("The table's figures added up per currency (every row, not only the page).")]
    IReadOnlyList<RevenueTotals> Totals,
    PagedResult<RevenueByClientRow> Table);

public sealed record RevenueTotals(string Currency, long Invoices, decimal Invoiced, decimal UsageBilled, decimal MrrAtEnd);

/// <summary>A client's revenue of one currency in the period, or the Unmapped line's.</summary>
public sealed record RevenueByClientRow(
    [property: Description(UnmappedDescription.ClientId)] Guid? ClientId,
    [property: Description(UnmappedDescription.ClientName)] string ClientName,
    [property: Description("ISO 4217 code of the row's money.")] string Currency,
    [property: Description("Invoices issued in the period, neither draft, voided nor deleted.")] long Invoices,
    [property: Description("Σ total of those invoices (Xero and SuperOps).")] decimal Invoiced,
    [property: Description("Σ (base line + overage $) of the client's enabled buckets for the finalized months of the period.")]
    decimal UsageBilled,
    [property: Description("The client's MRR at the end of the period's last month (0 when older than the 12 months of history kept).")]
    decimal MrrAtEnd);

/// <summary>How a per-client report names the line of invoices of no known client.</summary>
internal static class UnmappedDescription
{
    public const string ClientId = "The client; null on the Unmapped line, the invoices of no known client.";

    public const string ClientName = $"The client's name; \"{ReportsApi.UnmappedLine}\" on the line of invoices of no known client.";
}

public sealed record PaymentTrackingResponse(
    ReportPeriodResponse Period,
    [property: Description("The table's figures added up per currency (every row, not only the page).")]
    IReadOnlyList<PaymentTotals> Totals,
    PagedResult<PaymentTrackingRow> Table);

public sealed record PaymentTotals(string Currency, long Invoices, decimal Invoiced, decimal Paid, decimal Outstanding,
    decimal Overdue);

/// <summary>How a client's invoices of one currency issued in the period stand, or the Unmapped line's.</summary>
public sealed record PaymentTrackingRow(
    [property: Description(UnmappedDescription.ClientId)] Guid? ClientId,
    [property: Description(UnmappedDescription.ClientName)] string ClientName,
    [property: Description("ISO 4217 code of the row's money.")] string Currency,
    [property: Description("Invoices issued in the period, neither draft, voided nor deleted.")] long Invoices,
    [property: Description("Σ total.")] decimal Invoiced,
    [property: Description("Σ (total − amount due): what has been received.")] decimal Paid,
    [property: Description("Σ amount due of invoices not yet due (due day on or after asOf, or none).")] decimal Outstanding,
    [property: Description("Σ amount due of invoices past their due day (before asOf).")] decimal Overdue,
    [property: Description("Invoices paid in full with a known paid day.")] long PaidInFull,
    [property: Description("Mean of (paid day − issue day) in days over the invoices paid in full, one decimal; null without any.")]
    decimal? AverageDaysToPay);

public sealed record FinancialSummaryResponse(
    ReportPeriodResponse Period,
    [property: Description("The period per currency: sums of the monthly rows; MRR at end is the last month's.")]
    IReadOnlyList<FinancialSummaryTotals> Totals,
    [property: Description("One row per calendar month and currency of the period, oldest first, then by currency.")]
    IReadOnlyList<FinancialSummaryMonth> Months);

public sealed record FinancialSummaryTotals(string Currency, long Invoices, decimal Invoiced, decimal Paid,
    decimal Outstanding, decimal Overdue, decimal MrrAtEnd, decimal UsageBilled);

/// <summary>One calendar month of the period in one currency.</summary>
public sealed record FinancialSummaryMonth(
    [property: Description("YYYY-MM.")] string Month,
    string Currency,
    [property: Description("Invoices issued in the month (within the period's days), neither draft, voided nor deleted.")]
    long Invoices,
    [property: Description("Σ total of those invoices.")] decimal Invoiced,
    [property: Description("Σ (total − amount due).")] decimal Paid,
    [property: Description("Σ amount due not yet due.")] decimal Outstanding,
    [property: Description("Σ amount due past the due day.")] decimal Overdue,
    [property: Description("Σ enabled clients' MRR at the end of the month (0 when older than the 12 months of history kept).")]
    decimal MrrAtEnd,
    [property: Description("Σ (base line + overage $) of the enabled buckets' final lines for the month.")]
    decimal UsageBilled);

/// <summary>The period of the subscription analytics' export, and which of its tables.</summary>
public sealed record SubscriptionExportParameters(
    [property: Description("A month YYYY-MM, a quarter YYYY-Qn or a year YYYY; leave out to give from and to.")]
    [FromQuery(Name = "period")] string? Period,
    [property: Description("First day of a custom range, YYYY-MM-DD (with to, instead of period).")]
    [FromQuery(Name = "from")] string? From,
    [property: Description("Last day of a custom range, YYYY-MM-DD, included (with from, instead of period).")]
    [FromQuery(Name = "to")] string? To,
    [property: Description("months (default), products or terms: the table to export.")]
    [FromQuery(Name = "table")] string? Table);

public sealed record SubscriptionAnalyticsResponse(
    ReportPeriodResponse Period,
    [property: Description("Growth and churn per calendar month of the period and currency, oldest first, then by currency.")]
    IReadOnlyList<SubscriptionMonth> Months,
    [property: Description("Products of the subscriptions live at the end of the period's last month, most MRR first.")]
    IReadOnlyList<SubscriptionProduct> Products,
    [property: Description("Billing terms (monthly vs annual, and any other) of the subscriptions live at the end of the period's last month.")]
    IReadOnlyList<SubscriptionTerm> Terms);

/// <summary>Growth and churn of one calendar month in one currency.</summary>
public sealed record SubscriptionMonth(
    [property: Description("YYYY-MM.")] string Month,
    string Currency,
    [property: Description("Subscriptions live at the month's first instant (UTC).")] int ActiveAtStart,
    [property: Description("Subscriptions started within the month: growth.")] int New,
    [property: Description("Subscriptions ended or removed within the month: churn.")] int Cancelled,
    [property: Description("Cancelled ÷ active at start, a percentage at full precision (up to 6 decimals, the UI rounds it); null without any active at start.")]
    decimal? ChurnRate,
    [property: Description("Σ monthly value of the subscriptions live at the month's start.")] decimal MrrAtStart,
    [property: Description("Σ monthly value of the subscriptions live at the month's end.")] decimal MrrAtEnd,
    [property: Description("MRR at end − MRR at start.")] decimal NetMrrChange);

/// <summary>A product's subscriptions live at the period's end in one currency.</summary>
public sealed record SubscriptionProduct(
    Guid ProductId,
    string ProductName,
    string Currency,
    int Subscriptions,
    [property: Description("Σ quantity.")] int Licences,
    [property: Description("Clients with one of them.")] int Clients,
    [property: Description("Σ monthly value, each line quantity × price ÷ months per term, rounded once.")] decimal Mrr);

/// <summary>The subscriptions of one billing term live at the period's end in one currency.</summary>
public sealed record SubscriptionTerm(
    [property: Description("monthly, annual, two-year, three-year, one-time or trial.")] string BillingTerm,
    string Currency,
    int Subscriptions,
    [property: Description("Σ quantity.")] int Licences,
    [property: Description("Σ monthly value (annual: price × quantity ÷ 12, rounded once per line; one-time and trial: 0).")]
    decimal Mrr);

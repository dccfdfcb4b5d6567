using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Web.Api;

// The web UI's view of the projection service's reports (issue 19):
//   GET /api/projection/reports/revenue-by-client?period=|from=&to=&sort=&direction=&page=&pageSize= -> RevenueReport
//   GET /api/projection/reports/payments?period=|from=&to=&sort=&direction=&page=&pageSize=          -> PaymentReport
//   GET /api/projection/reports/financial-summary?period=|from=&to=                                  -> FinancialSummaryReport
//   GET /api/projection/reports/subscriptions?period=|from=&to=                                      -> SubscriptionReport
//   GET .../{report}/export with the same parameters (no paging; subscriptions: table=)              -> text/csv

/// <summary>The period a report covers, as the service read it.</summary>
public sealed record ReportPeriodInfo(string Period, DateOnly From, DateOnly To, IReadOnlyList<string> Months, DateOnly AsOf);

public sealed record RevenueReport(ReportPeriodInfo Period, IReadOnlyList<RevenueTotals> Totals, PagedList<RevenueRow> Table);

public sealed record RevenueTotals(string Currency, long Invoices, decimal Invoiced, decimal UsageBilled, decimal MrrAtEnd);

/// <param name="ClientId">Null on the Unmapped line: invoices of no known client.</param>
public sealed record RevenueRow(Guid? ClientId, string ClientName, string Currency, long Invoices, decimal Invoiced,
    decimal UsageBilled, decimal MrrAtEnd);

public sealed record PaymentReport(ReportPeriodInfo Period, IReadOnlyList<PaymentTotals> Totals, PagedList<PaymentRow> Table);

public sealed record PaymentTotals(string Currency, long Invoices, decimal Invoiced, decimal Paid, decimal Outstanding,
    decimal Overdue);

/// <param name="ClientId">Null on the Unmapped line: invoices of no known client.</param>
public sealed record PaymentRow(Guid? ClientId, string ClientName, string Currency, long Invoices, decimal Invoiced,
    decimal Paid, decimal Outstanding, decimal Overdue, long PaidInFull, decimal? AverageDaysToPay);

public sealed record FinancialSummaryReport(ReportPeriodInfo Period, IReadOnlyList<FinancialSummaryTotals> Totals,
    IReadOnlyList<FinancialSummaryMonth> Months);

public sealed record FinancialSummaryTotals(string Currency, long Invoices, decimal Invoiced, decimal Paid,
    decimal Outstanding, decimal Overdue, decimal MrrAtEnd, decimal UsageBilled);

public sealed record FinancialSummaryMonth(string Month, string Currency, long Invoices, decimal Invoiced, decimal Paid,
    decimal Outstanding, decimal Overdue, decimal MrrAtEnd, decimal UsageBilled);

public sealed record SubscriptionReport(ReportPeriodInfo Period, IReadOnlyList<SubscriptionMonth> Months,
    IReadOnlyList<SubscriptionProduct> Products, IReadOnlyList<SubscriptionTerm> Terms);

public sealed record SubscriptionMonth(string Month, string Currency, int ActiveAtStart, int New, int Cancelled,
    decimal? ChurnRate, decimal MrrAtStart, decimal MrrAtEnd, decimal NetMrrChange);

public sealed record SubscriptionProduct(Guid ProductId, string ProductName, string Currency, int Subscriptions,
    int Licences, int Clients, decimal Mrr);

public sealed record SubscriptionTerm(string BillingTerm, string Currency, int Subscriptions, int Licences, decimal Mrr);

/// <summary>The Reports page's tabs, as the address and the service name them.</summary>
public static class ReportKinds
{
    public const string Revenue = "revenue-by-client";
    public const string Payments = "payments";
    public const string FinancialSummary = "financial-summary";
    public const string Subscriptions = "subscriptions";

    /// <summary>The subscription analytics' tables, the export's default first.</summary>
    public static readonly IReadOnlyList<string> SubscriptionTables = ["months", "products", "terms"];

    public static readonly IReadOnlyList<(string Kind, string Title)> All =
    [
        (Revenue, "Revenue by client"), (Payments, "Payments"), (FinancialSummary, "Financial summary"),
        (Subscriptions, "Subscriptions"),
    ];

    public static bool IsKnown(string? kind) => kind is Revenue or Payments or FinancialSummary or Subscriptions;

    /// <summary>Whether the report is a sortable, paged table of clients (the others take only the period).</summary>
    public static bool IsPaged(string kind) => kind is Revenue or Payments;

    /// <summary>The column a report's table sorts by unless told, and whether it starts descending.</summary>
    public static string DefaultSort(string kind) => kind == Payments ? "overdue" : "invoiced";
}

/// <summary>
/// What the Reports page shows: a report, its period (a named one — YYYY-MM, YYYY-Qn, YYYY — or a custom range of
/// days), and its table's sort and page.
/// </summary>
public sealed record ReportQuery(
    string Kind,
    string? Period,
    string? From,
    string? To,
    string Sort,
    string Direction,
    int Page = 1,
    string? Table = null)
{
    public const string Path = "api/projection/reports";
    public const int PageSize = 25;
    public const string ClientSort = "client";

    /// <summary>The period's part of an address: <c>period=…</c> or <c>from=…&amp;to=…</c>.</summary>
    public IReadOnlyDictionary<string, string?> PeriodParameters => Period is not null
        ? new Dictionary<string, string?> { ["period"] = Period }
        : new Dictionary<string, string?> { ["from"] = From, ["to"] = To };

    public string ToRequestUri() => QueryHelpers.AddQueryString($"{Path}/{Kind}", !ReportKinds.IsPaged(Kind)
        ? PeriodParameters
        : new Dictionary<string, string?>(PeriodParameters)
        {
            ["sort"] = Sort,
            ["direction"] = Direction,
            ["page"] = Page.ToString(CultureInfo.InvariantCulture),
            ["pageSize"] = PageSize.ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>The service's CSV of the table (all rows, in the table's order).</summary>
    public string ToExportUri() => QueryHelpers.AddQueryString($"{Path}/{Kind}/export", ExportParameters);

    /// <summary>The web app's download of the table, passed through from the service.</summary>
    public string ExportHref => QueryHelpers.AddQueryString($"reports/{Kind}/export.csv", ExportParameters);

    /// <summary>The period, with the sort of a paged report or the table of the subscription analytics.</summary>
    private Dictionary<string, string?> ExportParameters
    {
        get
        {
            var parameters = new Dictionary<string, string?>(PeriodParameters);
            if (ReportKinds.IsPaged(Kind))
            {
                (parameters["sort"], parameters["direction"]) = (Sort, Direction);
            }
            else if (Kind == ReportKinds.Subscriptions && Table is not null)
            {
                parameters["table"] = Table;
            }
            return parameters;
        }
    }
}

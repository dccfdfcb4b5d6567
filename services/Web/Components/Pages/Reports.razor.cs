using System.Globalization;
using BillingOne.Web.Api;
using BillingOne.Web.Components.ReportViews;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Web.Components.Pages;

/// <summary>
/// The Reports screen: a tab per report (revenue by client, payments, financial summary, subscriptions), the period picker, and the
/// chosen report's chart, table and CSV export. The report, period, sort and page live in the address, so a report can
/// be shared or bookmarked; without a period it shows the current month (UTC). The client scope is the session's: the
/// gateway narrows every figure to the scoped client.
/// </summary>
public sealed partial class Reports : ComponentBase
{
    private ReportQuery query = new(ReportKinds.Revenue, null, null, null, "invoiced", SortDirections.Descending);
    private ReportPeriodPicker picker = new();
    private string? pickerMissing;
    private bool loading = true;
    private ApiProblem? problem;
    private ReportPeriodInfo? period;
    private RevenueReport? revenue;
    private PaymentReport? payments;
    private FinancialSummaryReport? summary;
    private SubscriptionReport? subscriptions;

    [Inject]
    private GatewayClient Gateway { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "report")]
    public string? Report { get; set; }

    [SupplyParameterFromQuery(Name = "period")]
    public string? Period { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    [SupplyParameterFromQuery(Name = "sort")]
    public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = "direction")]
    public string? Direction { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    public int? Page { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var kind = ReportKinds.IsKnown(Report) ? Report! : ReportKinds.Revenue;
        var custom = Period is null && (From is not null || To is not null);
        var currentMonth = Clock.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture);
        query = new ReportQuery(kind, custom ? null : Period ?? currentMonth, custom ? From : null, custom ? To : null,
            Sort ?? ReportKinds.DefaultSort(kind),
            SortDirections.IsKnown(Direction) ? Direction! : SortDirections.Descending, Math.Max(Page ?? 1, 1));
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
        picker = ReportPeriodPicker.From(query, today, today);
        pickerMissing = null;
        loading = true;
        problem = null;
        try
        {
            switch (kind)
            {
                case ReportKinds.Payments:
                    payments = await Gateway.GetPaymentReportAsync(query, CancellationToken.None);
                    period = payments.Period;
                    break;
                case ReportKinds.FinancialSummary:
                    summary = await Gateway.GetFinancialSummaryAsync(query, CancellationToken.None);
                    period = summary.Period;
                    break;
                case ReportKinds.Subscriptions:
                    subscriptions = await Gateway.GetSubscriptionReportAsync(query, CancellationToken.None);
                    period = subscriptions.Period;
                    break;
                default:
                    revenue = await Gateway.GetRevenueReportAsync(query, CancellationToken.None);
                    period = revenue.Period;
                    break;
            }
        }
        catch (ApiProblemException exception)
        {
            problem = exception.Problem;
            period = null;
            (revenue, payments, summary, subscriptions) = (null, null, null, null);
        }
        if (period is not null)
        {
            picker = ReportPeriodPicker.From(query, period.From, period.To);
        }
        loading = false;
    }

    private void ShowPeriod()
    {
        pickerMissing = picker.Missing;
        if (pickerMissing is not null)
        {
            return;
        }
        var (named, from, to) = picker.ToPeriod();
        Navigation.NavigateTo(AddressOf(query with { Period = named, From = from, To = to, Page = 1 }));
    }

    private void SortBy(string column)
    {
        var direction = SortDirections.Next(column, query.Sort, query.Direction,
            column == ReportQuery.ClientSort ? SortDirections.Ascending : SortDirections.Descending);
        Navigation.NavigateTo(AddressOf(query with { Sort = column, Direction = direction, Page = 1 }));
    }

    private void ShowPage(int page) => Navigation.NavigateTo(AddressOf(query with { Page = page }));

    private static string AddressOf(ReportQuery target)
    {
        var parameters = new Dictionary<string, string?>(target.PeriodParameters) { ["report"] = target.Kind };
        if (ReportKinds.IsPaged(target.Kind))
        {
            parameters["sort"] = target.Sort;
            parameters["direction"] = target.Direction;
            parameters["page"] = target.Page.ToString(CultureInfo.InvariantCulture);
        }
        return QueryHelpers.AddQueryString("reports",
            parameters.Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value));
    }

    /// <summary>The report and its period, e.g. "Revenue by client · 2025-Q1 (2025-01-01 to 2025-03-31)".</summary>
    private string? PrintTitle => period is null
        ? null
        : $"{ReportKinds.All.Single(report => report.Kind == query.Kind).Title} · {period.Period} ({Day(period.From)} to {Day(period.To)})";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

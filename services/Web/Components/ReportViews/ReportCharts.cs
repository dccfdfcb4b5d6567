namespace BillingOne.Web.Components.ReportViews;

/// <summary>What the reports' charts share: the series' names and colours, and the currency a chart is drawn in.</summary>
public static class ReportCharts
{
    /// <summary>The most clients a chart shows: the first of the table's page, in its order.</summary>
    public const int MaxBars = 12;

    public const string Invoiced = "Invoiced";
    public const string UsageBilled = "Usage billed";
    public const string MrrAtEnd = "MRR at end";
    public const string Paid = "Paid";
    public const string Outstanding = "Outstanding";
    public const string Overdue = "Overdue";

    public const string InvoicedClass = "bar-revenue";
    public const string UsageClass = "bar-usage";
    public const string MrrClass = "bar-mrr";
    public const string PaidClass = "bar-paid";
    public const string OutstandingClass = "bar-outstanding";
    public const string OverdueClass = "bar-overdue";

    public const string New = "New (growth)";
    public const string Cancelled = "Cancelled (churn)";

    // Growth and churn take the colours of money coming in and money at risk.
    public const string GrowthClass = PaidClass;
    public const string ChurnClass = OverdueClass;

    /// <summary>
    /// The currency a chart is drawn in (amounts in different currencies are never drawn on one scale): the one with
    /// the most invoiced, alphabetical on a tie.
    /// </summary>
    public static string? MainCurrency(IEnumerable<(string Currency, decimal Invoiced)> totals) =>
        totals.OrderByDescending(total => total.Invoiced).ThenBy(total => total.Currency, StringComparer.Ordinal)
            .Select(total => total.Currency).FirstOrDefault();
}

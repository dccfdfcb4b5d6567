using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Testing;

namespace BillingOne.Projection.Tests.Api;

/// <summary>
/// The reports (#19) over a hand-computed dataset published through the bus. The months are relative to today (UTC),
/// because the MRR history a client carries is its last 12 months: M0 is two months before the current month, M1 the
/// month before it, M2 the current month. Invoices are Xero's, AUD unless said, due on the day they are issued (so past
/// due) unless "due later" (2099-12-31):
/// <list type="bullet">
/// <item>Alpha Dental: #1 paid 1100.00 issued M0-03, paid in full 14 days later; #2 awaiting 550.00 issued M1-05 (overdue);
/// #3 paid 220.00 issued M1-05, paid 10 days later; #4 submitted 300.00 issued M2-01, 100.00 still due later; voided
/// 999.00 and draft 123.00 in M1 and 5000.00 issued the month before M0 count nowhere. MRR 1000.00, 1200.00 from M1.
/// Bucket AUD commit 100, base 500.00, overage 2.50: final usage 110 in M0 (500.00 + 10 × 2.50 = 525.00), 90 in M1
/// (500.00); a current observation of M2 is not billed.</item>
/// <item>Bravo Legal: #7 paid 450.50 issued M0-10, paid 21 days later; #8 awaiting 80.25 issued M1-20 (overdue); #9 NZD
/// paid 99.00 issued M1-01 with no paid day (as SuperOps sends). MRR 450.50. Bucket AUD commit 10, base 99.99, overage
/// 1.333: final usage 13 in M1 (99.99 + round(3 × 1.333 = 3.999) = 99.99 + 4.00 = 103.99).</item>
/// <item>Charlie Cafe: #12 400.00 issued M1-12, version 2 paid in full the same day (0 days); the late version 1 (all
/// due later) is ignored. A disabled bucket (base 1000.00) for M1 is not billed.</item>
/// <item>An unmapped invoice #10, awaiting 70.00 issued M1-10 and due later: the per-client reports' Unmapped line, so
/// their invoiced totals equal the financial summary's.</item>
/// </list>
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReportTests(ProjectionFixture fixture) : IClassFixture<ProjectionFixture>
{
    private const string Reports = "/api/projection/reports";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateOnly DueLater = new(2099, 12, 31);
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly M0 = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).AddMonths(-2);
    private static readonly DateOnly M1 = M0.AddMonths(1);
    private static readonly DateOnly M2 = M0.AddMonths(2);
    private static readonly string Range = $"from={Day(M0)}&to={Day(M2.AddMonths(1).AddDays(-1))}";
    private static readonly string MonthM1 = $"period={M1:yyyy-MM}";

    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid alpha = Guid.NewGuid();
    private readonly Guid bravo = Guid.NewGuid();
    private readonly Guid charlie = Guid.NewGuid();

    [Fact]
    public async Task Revenue_by_client_adds_up_invoices_usage_billed_and_mrr_per_client_and_currency()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var report = await http.GetFromJsonAsync<RevenueDto>($"{Reports}/revenue-by-client?{Range}", Json);

        report!.Period.Months.ShouldBe([$"{M0:yyyy-MM}", $"{M1:yyyy-MM}", $"{M2:yyyy-MM}"]);
        report.Table.Items.Select(row => (row.ClientName, row.Currency, row.Invoices, row.Invoiced, row.UsageBilled, row.MrrAtEnd))
            .ShouldBe(
            [
                // #1 1100.00 + #2 550.00 + #3 220.00 + #4 300.00; usage 525.00 + 500.00; MRR at the end of M2.
                ("Alpha Dental", "AUD", 4L, 2170.00m, 1025.00m, 1200.00m),
                // #7 450.50 + #8 80.25; usage 103.99.
                ("Bravo Legal", "AUD", 2L, 530.75m, 103.99m, 450.50m),
                ("Charlie Cafe", "AUD", 1L, 400.00m, 0.00m, 0.00m),
                ("Bravo Legal", "NZD", 1L, 99.00m, 0.00m, 0.00m),
                ("Unmapped", "AUD", 1L, 70.00m, 0.00m, 0.00m),
            ], "by invoiced, most first");
        report.Table.Items.Last().ClientId.ShouldBeNull("the invoices of no known client");
        report.Totals.ShouldBe(
        [
            // 2170.00 + 530.75 + 400.00 + 70.00 (unmapped); 1025.00 + 103.99; 1200.00 + 450.50
            new RevenueTotalsDto("AUD", 8, 3170.75m, 1128.99m, 1650.50m),
            new RevenueTotalsDto("NZD", 1, 99.00m, 0m, 0m),
        ]);

        var month = await http.GetFromJsonAsync<RevenueDto>($"{Reports}/revenue-by-client?{MonthM1}&sort=client", Json);
        month!.Period.From.ShouldBe(M1);
        month.Table.Items.Select(row => (row.ClientName, row.Currency, row.Invoices, row.Invoiced, row.UsageBilled, row.MrrAtEnd))
            .ShouldBe(
            [
                ("Alpha Dental", "AUD", 2L, 770.00m, 500.00m, 1200.00m), // #2 550.00 + #3 220.00
                ("Bravo Legal", "AUD", 1L, 80.25m, 103.99m, 450.50m),
                ("Bravo Legal", "NZD", 1L, 99.00m, 0.00m, 0.00m),
                ("Charlie Cafe", "AUD", 1L, 400.00m, 0.00m, 0.00m),
                ("Unmapped", "AUD", 1L, 70.00m, 0.00m, 0.00m),
            ], "by name, then currency");
    }

    [Fact]
    public async Task Payment_tracking_splits_each_client_into_paid_outstanding_and_overdue_with_days_to_pay()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var report = await http.GetFromJsonAsync<PaymentsDto>($"{Reports}/payments?{Range}", Json);

        report!.Table.Items.Select(row => (row.ClientName, row.Currency, row.Invoices, row.Invoiced, row.Paid,
            row.Outstanding, row.Overdue, row.PaidInFull, row.AverageDaysToPay)).ShouldBe(
        [
            // Paid 1100.00 + 220.00 + (300.00 − 100.00); outstanding #4's 100.00; overdue #2; days (14 + 10) / 2.
            ("Alpha Dental", "AUD", 4L, 2170.00m, 1520.00m, 100.00m, 550.00m, 2L, (decimal?)12.0m),
            ("Bravo Legal", "AUD", 2L, 530.75m, 450.50m, 0.00m, 80.25m, 1L, 21.0m),
            // Paid in full but with no paid day: no days to pay.
            ("Bravo Legal", "NZD", 1L, 99.00m, 99.00m, 0.00m, 0.00m, 0L, null),
            ("Charlie Cafe", "AUD", 1L, 400.00m, 400.00m, 0.00m, 0.00m, 1L, 0.0m),
            ("Unmapped", "AUD", 1L, 70.00m, 0.00m, 70.00m, 0.00m, 0L, null),
        ], "most overdue first, then by name");
        report.Totals.ShouldBe(
        [
            // 1520.00 + 450.50 + 400.00 = 2370.50; 2370.50 + 170.00 + 630.25 = 3170.75 invoiced, as the financial summary.
            new PaymentTotalsDto("AUD", 8, 3170.75m, 2370.50m, 170.00m, 630.25m),
            new PaymentTotalsDto("NZD", 1, 99.00m, 99.00m, 0m, 0m),
        ]);

        var second = await http.GetFromJsonAsync<PaymentsDto>($"{Reports}/payments?{Range}&pageSize=2&page=2", Json);
        (second!.Table.TotalCount, second.Table.Page, second.Table.PageSize).ShouldBe((5L, 2, 2));
        second.Table.Items.Select(row => (row.ClientName, row.Currency)).ShouldBe([("Bravo Legal", "NZD"), ("Charlie Cafe", "AUD")]);
        var byDays = await http.GetFromJsonAsync<PaymentsDto>($"{Reports}/payments?{Range}&sort=days-to-pay&direction=asc", Json);
        byDays!.Table.Items.Select(row => row.AverageDaysToPay).ShouldBe([null, null, 0.0m, 12.0m, 21.0m]);
    }

    [Fact]
    public async Task The_financial_summary_gives_each_month_and_currency_and_totals_the_period()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var report = await http.GetFromJsonAsync<SummaryDto>($"{Reports}/financial-summary?{Range}", Json);

        report!.Months.ShouldBe(
        [
            // #1 1100.00 + #7 450.50, both paid; MRR 1000.00 + 450.50; usage Alpha 525.00.
            new SummaryMonthDto($"{M0:yyyy-MM}", "AUD", 2, 1550.50m, 1550.50m, 0m, 0m, 1450.50m, 525.00m),
            new SummaryMonthDto($"{M0:yyyy-MM}", "NZD", 0, 0m, 0m, 0m, 0m, 0m, 0m),
            // #2 550.00 + #3 220.00 + #8 80.25 + #10 70.00 (unmapped) + #12 400.00 = 1320.25; paid 220.00 + 400.00;
            // outstanding #10; overdue 550.00 + 80.25; MRR 1200.00 + 450.50; usage 500.00 + 103.99.
            new SummaryMonthDto($"{M1:yyyy-MM}", "AUD", 5, 1320.25m, 620.00m, 70.00m, 630.25m, 1650.50m, 603.99m),
            new SummaryMonthDto($"{M1:yyyy-MM}", "NZD", 1, 99.00m, 99.00m, 0m, 0m, 0m, 0m),
            new SummaryMonthDto($"{M2:yyyy-MM}", "AUD", 1, 300.00m, 200.00m, 100.00m, 0m, 1650.50m, 0m),
            new SummaryMonthDto($"{M2:yyyy-MM}", "NZD", 0, 0m, 0m, 0m, 0m, 0m, 0m),
        ]);
        report.Totals.ShouldBe(
        [
            // 1550.50 + 1320.25 + 300.00; 1550.50 + 620.00 + 200.00; 70.00 + 100.00; MRR of M2; 525.00 + 603.99.
            new SummaryTotalsDto("AUD", 8, 3170.75m, 2370.50m, 170.00m, 630.25m, 1650.50m, 1128.99m),
            new SummaryTotalsDto("NZD", 1, 99.00m, 99.00m, 0m, 0m, 0m, 0m),
        ]);
    }

    [Fact]
    public async Task Each_export_is_its_table_row_for_row()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);
        var revenue = await http.GetFromJsonAsync<RevenueDto>($"{Reports}/revenue-by-client?{Range}&sort=mrr", Json);
        var payments = await http.GetFromJsonAsync<PaymentsDto>($"{Reports}/payments?{Range}&sort=paid&direction=asc", Json);
        var summary = await http.GetFromJsonAsync<SummaryDto>($"{Reports}/financial-summary?{MonthM1}", Json);
        var period = revenue!.Period.Period;

        (await http.CsvLinesAsync($"{Reports}/revenue-by-client/export?{Range}&sort=mrr")).ShouldBe(
        [
            "Period,Client ID,Client,Currency,Invoices,Invoiced,Usage Billed,MRR at End",
            .. revenue.Table.Items.Select(row => Csv(period, row.ClientId, row.ClientName, row.Currency, row.Invoices,
                row.Invoiced, row.UsageBilled, row.MrrAtEnd)),
        ]);
        (await http.CsvLinesAsync($"{Reports}/payments/export?{Range}&sort=paid&direction=asc")).ShouldBe(
        [
            "Period,Client ID,Client,Currency,Invoices,Invoiced,Paid,Outstanding,Overdue,Paid in Full,Average Days to Pay",
            .. payments!.Table.Items.Select(row => Csv(period, row.ClientId, row.ClientName, row.Currency, row.Invoices,
                row.Invoiced, row.Paid, row.Outstanding, row.Overdue, row.PaidInFull, row.AverageDaysToPay)),
        ]);
        (await http.CsvLinesAsync($"{Reports}/financial-summary/export?{MonthM1}")).ShouldBe(
        [
            "Period,Month,Currency,Invoices,Invoiced,Paid,Outstanding,Overdue,MRR at End,Usage Billed",
            .. summary!.Months.Select(row => Csv($"{M1:yyyy-MM}", row.Month, row.Currency, row.Invoices, row.Invoiced,
                row.Paid, row.Outstanding, row.Overdue, row.MrrAtEnd, row.UsageBilled)),
        ]);
        revenue.Table.Items.Count.ShouldBe(5);
        summary.Months.Count.ShouldBe(2, "M1 in AUD and NZD");
    }

    [Fact]
    public async Task A_client_scope_sees_only_its_client()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly, clientScope: alpha);

        var revenue = await http.GetFromJsonAsync<RevenueDto>($"{Reports}/revenue-by-client?{Range}", Json);
        var payments = await http.GetFromJsonAsync<PaymentsDto>($"{Reports}/payments?{Range}", Json);
        var summary = await http.GetFromJsonAsync<SummaryDto>($"{Reports}/financial-summary?{Range}", Json);

        revenue!.Table.Items.Select(row => row.ClientId).ShouldBe([(Guid?)alpha]);
        payments!.Table.Items.Select(row => row.ClientId).ShouldBe([(Guid?)alpha]);
        summary!.Totals.ShouldBe([new SummaryTotalsDto("AUD", 4, 2170.00m, 1520.00m, 100.00m, 550.00m, 1200.00m, 1025.00m)]);
        (await http.CsvLinesAsync($"{Reports}/payments/export?{Range}")).Length.ShouldBe(2, "the header and Alpha");
    }

    [Fact]
    public async Task A_rebuild_gives_the_same_reports()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);
        using var admin = fixture.Host.ClientFor(orgId, Roles.Admin);
        var paths = new[] { $"revenue-by-client?{Range}", $"payments?{Range}", $"financial-summary?{Range}" };
        var before = await Task.WhenAll(paths.Select(path => http.GetStringAsync($"{Reports}/{path}")));

        (await Rebuilds.RunAsync(admin)).Status.ShouldBe("completed");

        (await Task.WhenAll(paths.Select(path => http.GetStringAsync($"{Reports}/{path}")))).ShouldBe(before);
    }

    [Theory]
    [InlineData("revenue-by-client", "period")]
    [InlineData("revenue-by-client?period=2026-13", "period")]
    [InlineData("payments?period=2026-Q5", "period")]
    [InlineData("financial-summary?period=26", "period")]
    [InlineData("financial-summary?period=2026&from=2026-01-01&to=2026-01-31", "period")]
    [InlineData("financial-summary/export?to=2026-01-31", "from")]
    [InlineData("revenue-by-client/export?from=2026-02-01&to=2026-01-31", "to")]
    [InlineData("payments?from=2026-01-01&to=2029-01-01", "to")]
    [InlineData("payments?from=2026-02-30&to=2026-03-01", "from")]
    [InlineData("payments?period=2026&sort=mrr", "sort")]
    [InlineData("revenue-by-client?period=2026&direction=up", "direction")]
    [InlineData("payments?period=2026&pageSize=0", "pageSize")]
    public async Task A_bad_query_is_a_validation_problem_naming_the_parameter(string query, string parameter)
    {
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        using var response = await http.GetAsync($"{Reports}/{query}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().Keys.ToArray().ShouldBe([parameter]);
    }

    [Fact]
    public async Task An_organization_without_data_gets_empty_reports_for_a_quarter()
    {
        using var http = fixture.Host.ClientFor(Guid.NewGuid(), Roles.ReadOnly);

        var revenue = await http.GetFromJsonAsync<RevenueDto>($"{Reports}/revenue-by-client?period=2026-q2", Json);
        var summary = await http.GetFromJsonAsync<SummaryDto>($"{Reports}/financial-summary?period=2026-Q2", Json);

        (revenue!.Period.Period, revenue.Period.From, revenue.Period.To).ShouldBe(
            ("2026-Q2", new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30)));
        (revenue.Table.TotalCount, revenue.Totals.Count, summary!.Months.Count, summary.Totals.Count).ShouldBe((0L, 0, 0, 0));
    }

    private async Task GivenTheDatasetAsync()
    {
        await PublishAsync(Client(alpha, "Alpha Dental"));
        await PublishAsync(Client(bravo, "Bravo Legal"));
        await PublishAsync(Client(charlie, "Charlie Cafe"));
        // The history's 12 months end with the current one: index 9 is M0, 10 is M1, 11 is M2.
        await PublishAsync(Licenses(alpha, "AUD", index => index < 10 ? 1000.00m : 1200.00m));
        await PublishAsync(Licenses(bravo, "AUD", _ => 450.50m));
        await PublishAsync(Licenses(charlie, null, _ => 0m));

        await PublishAsync(Invoice(alpha, "paid", 1100.00m, 0m, M0.AddDays(2), paidAfterDays: 14));
        await PublishAsync(Invoice(alpha, "awaiting", 550.00m, 550.00m, M1.AddDays(4)));
        await PublishAsync(Invoice(alpha, "paid", 220.00m, 0m, M1.AddDays(4), paidAfterDays: 10));
        await PublishAsync(Invoice(alpha, "submitted", 300.00m, 100.00m, M2, due: DueLater));
        await PublishAsync(Invoice(alpha, "voided", 999.00m, 999.00m, M1));
        await PublishAsync(Invoice(alpha, "draft", 123.00m, 123.00m, M1.AddDays(1)));
        await PublishAsync(Invoice(alpha, "awaiting", 5000.00m, 5000.00m, M0.AddDays(-1)));
        await PublishAsync(Invoice(bravo, "paid", 450.50m, 0m, M0.AddDays(9), paidAfterDays: 21));
        await PublishAsync(Invoice(bravo, "awaiting", 80.25m, 80.25m, M1.AddDays(19)));
        await PublishAsync(Invoice(bravo, "paid", 99.00m, 0m, M1, currency: "NZD"));
        await PublishAsync(Invoice(null, "awaiting", 70.00m, 70.00m, M1.AddDays(9), due: DueLater));
        var charlieInvoice = Guid.NewGuid();
        await PublishAsync(Invoice(charlie, "paid", 400.00m, 0m, M1.AddDays(11), paidAfterDays: 0) with
        { InvoiceId = charlieInvoice, Version = 2 });
        await PublishAsync(Invoice(charlie, "awaiting", 400.00m, 400.00m, M1.AddDays(11), due: DueLater) with
        { InvoiceId = charlieInvoice, Version = 1 });

        var alphaBucket = Guid.NewGuid();
        await PublishAsync(Usage(alphaBucket, alpha, M0, 100m, 500.00m, 2.50m, 110m, final: true));
        await PublishAsync(Usage(alphaBucket, alpha, M1, 100m, 500.00m, 2.50m, 90m, final: true));
        await PublishAsync(Usage(alphaBucket, alpha, M2, 100m, 500.00m, 2.50m, 300m, final: false));
        await PublishAsync(Usage(Guid.NewGuid(), bravo, M1, 10m, 99.99m, 1.333m, 13m, final: true));
        await PublishAsync(Usage(Guid.NewGuid(), charlie, M1, 1m, 1000.00m, 1m, 5m, final: true) with { Enabled = false });
    }

    private ClientUpserted Client(Guid clientId, string name) => new(orgId, clientId, name, true, "UTC", 1, At, At);

    private ClientLicensesChanged Licenses(Guid clientId, string? currency, Func<int, decimal> monthAmount)
    {
        var first = M2.AddMonths(-11);
        return new(orgId, clientId, 1, At, currency, monthAmount(11), 1, 0, 0, null, [.. Enumerable.Range(0, 12)
            .Select(index => new MonthlyRecurringRevenue(first.AddMonths(index).Year, first.AddMonths(index).Month,
                monthAmount(index)))]);
    }

    private InvoiceUpserted Invoice(Guid? clientId, string status, decimal total, decimal amountDue, DateOnly issued,
        DateOnly? due = null, int? paidAfterDays = null, string currency = "AUD") =>
        new(orgId, Guid.NewGuid(), "xero", clientId, "Contact", "INV", null, status, issued, due ?? issued, currency,
            total, amountDue, 1, At, paidAfterDays is { } days ? issued.AddDays(days) : null);

    private BucketUsageObserved Usage(Guid bucketId, Guid clientId, DateOnly month, decimal commit, decimal basePrice,
        decimal overagePrice, decimal usage, bool final)
    {
        var start = new DateTimeOffset(month.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return new BucketUsageObserved(orgId, bucketId, 1, clientId, null, "Bucket", "storage-gb", "max", true, commit,
            basePrice, overagePrice, "AUD", month.Year, month.Month, start, start.AddMonths(1),
            final ? start.AddMonths(1) : start.AddDays(1), usage, [usage], final);
    }

    private Task PublishAsync<T>(T message) where T : class => fixture.Host.PublishAndWaitAsync(message);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Csv(params object?[] fields) =>
        string.Join(",", fields.Select(field => Convert.ToString(field, CultureInfo.InvariantCulture)));

    private sealed record PeriodDto(string Period, DateOnly From, DateOnly To, List<string> Months, DateOnly AsOf);

    private sealed record PageDto<T>(List<T> Items, int Page, int PageSize, long TotalCount);

    private sealed record RevenueDto(PeriodDto Period, List<RevenueTotalsDto> Totals, PageDto<RevenueRowDto> Table);

    private sealed record RevenueTotalsDto(string Currency, long Invoices, decimal Invoiced, decimal UsageBilled, decimal MrrAtEnd);

    private sealed record RevenueRowDto(Guid? ClientId, string ClientName, string Currency, long Invoices, decimal Invoiced,
        decimal UsageBilled, decimal MrrAtEnd);

    private sealed record PaymentsDto(PeriodDto Period, List<PaymentTotalsDto> Totals, PageDto<PaymentRowDto> Table);

    private sealed record PaymentTotalsDto(string Currency, long Invoices, decimal Invoiced, decimal Paid,
        decimal Outstanding, decimal Overdue);

    private sealed record PaymentRowDto(Guid? ClientId, string ClientName, string Currency, long Invoices, decimal Invoiced,
        decimal Paid, decimal Outstanding, decimal Overdue, long PaidInFull, decimal? AverageDaysToPay);

    private sealed record SummaryDto(PeriodDto Period, List<SummaryTotalsDto> Totals, List<SummaryMonthDto> Months);

    private sealed record SummaryTotalsDto(string Currency, long Invoices, decimal Invoiced, decimal Paid,
        decimal Outstanding, decimal Overdue, decimal MrrAtEnd, decimal UsageBilled);

    private sealed record SummaryMonthDto(string Month, string Currency, long Invoices, decimal Invoiced, decimal Paid,
        decimal Outstanding, decimal Overdue, decimal MrrAtEnd, decimal UsageBilled);
}

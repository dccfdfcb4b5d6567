using System.Diagnostics.CodeAnalysis;
using BillingOne.BuildingBlocks.Csv;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Contracts.Money;
using BillingOne.Projection.Data;
using BillingOne.Projection.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Projection.Apis;

/// <summary>
/// The Reports screen (#19): revenue by client, payment tracking, the financial summary and subscription analytics of a
/// chosen period, each with a CSV export equal to its table, from the projection's read copies. Client-scoped callers see their client's.
/// </summary>
public static class ReportsApi
{
    public const string BasePath = "/api/projection/reports";

    public static readonly IReadOnlyList<string> RevenueSorts = [ReportTableQuery.ClientSort, "invoiced", "usage-billed", "mrr"];

    public static readonly IReadOnlyList<string> PaymentSorts =
        [ReportTableQuery.ClientSort, "invoiced", "paid", "outstanding", "overdue", "days-to-pay"];

    /// <summary>The subscription analytics' tables an export can give, the default first.</summary>
    public static readonly IReadOnlyList<string> SubscriptionTables = ["months", "products", "terms"];

    private const string Invoiced = "Invoices count when issued within the period's days and neither draft, voided nor " +
        "deleted (Xero and SuperOps alike); invoiced = Σ their totals.";

    /// <summary>The name of the line that holds the invoices of no known client (docs/domain.md, "One figure, one definition").</summary>
    public const string UnmappedLine = "Unmapped";

    private const string Unmapped = "Invoices of no known client (none, or one not mapped) are one line of their own, " +
        $"`clientId` null, named \"{UnmappedLine}\", so the invoiced total equals the financial summary's.";

    private const string Money = "Money is per ISO 4217 currency, never converted: a client with invoices in two " +
        "currencies has a row for each. Amounts are the vendors' rounded lines added up.";

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup(BasePath).WithTags("Reports");
        reports.MapGet("/revenue-by-client", RevenueByClient)
            .RequireAuthorization(Policies.Read)
            .WithName("GetRevenueByClient")
            .WithSummary("Revenue per client for a period")
            .WithDescription("One row per client and currency with any figure: invoices and invoiced in the period, " +
                "usage billed = Σ (base line + overage $) of the client's enabled buckets for the finalized months the " +
                "period touches, and MRR at end = the client's MRR at the end of the period's last month (enabled " +
                "clients; 0 beyond the 12 months of history kept; the Unmapped line's is that of the Pax8 companies " +
                $"mapped to no client). {Invoiced} {Unmapped} " +
                $"{Money} `sort` is `client`, `invoiced` (default), `usage-billed` or `mrr`. {ReportPeriod.Description} " +
                EndpointConventions.PagingDescription)
            .ProducesValidationProblem();
        reports.MapGet("/revenue-by-client/export", ExportRevenueByClient)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportRevenueByClient")
            .WithSummary("Export revenue per client as CSV")
            .WithDescription("Every row of the table (all pages) in its order, the same figures, as text/csv.")
            .Produces(StatusCodes.Status200OK, contentType: CsvFiles.ContentType)
            .ProducesValidationProblem();
        reports.MapGet("/payments", Payments)
            .RequireAuthorization(Policies.Read)
            .WithName("GetPaymentTracking")
            .WithSummary("Payment tracking per client for a period")
            .WithDescription($"One row per client and currency over the invoices issued in the period. {Invoiced} Paid = " +
                "Σ (total − amount due); outstanding = Σ amount due of invoices due on or after `asOf` (today, UTC) or " +
                "with no due day; overdue = Σ amount due of invoices due before it; so invoiced = paid + outstanding + " +
                "overdue. Average days to pay = mean of (paid day − issue day) over the invoices paid in full whose " +
                "vendor gave the paid day (Xero's FullyPaidOnDate), one decimal. " +
                $"{Unmapped} {Money} `sort` is `client`, `invoiced`, `paid`, `outstanding`, `overdue` (default) or " +
                $"`days-to-pay`. {ReportPeriod.Description} {EndpointConventions.PagingDescription}")
            .ProducesValidationProblem();
        reports.MapGet("/payments/export", ExportPayments)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportPaymentTracking")
            .WithSummary("Export payment tracking as CSV")
            .WithDescription("Every row of the table (all pages) in its order, the same figures, as text/csv.")
            .Produces(StatusCodes.Status200OK, contentType: CsvFiles.ContentType)
            .ProducesValidationProblem();
        reports.MapGet("/financial-summary", FinancialSummary)
            .RequireAuthorization(Policies.Read)
            .WithName("GetFinancialSummary")
            .WithSummary("The financial summary of a period")
            .WithDescription("Per calendar month of the period and currency: invoices, invoiced, paid, outstanding and " +
                "overdue (as the payment report defines them, every invoice the caller may see, by the month it was " +
                "issued), MRR at end (Σ enabled clients' MRR at the month's end, 0 beyond the 12 months of history " +
                "kept, + the MRR of the Pax8 companies mapped to no client: all active subscriptions) and usage billed (Σ base line + overage $ of the enabled buckets' final lines for the month). " +
                "Totals per currency add the months up; their MRR at end is the last month's. A month with nothing in a " +
                $"currency the period has shows zeros. {Invoiced} {Money} {ReportPeriod.Description}")
            .ProducesValidationProblem();
        reports.MapGet("/financial-summary/export", ExportFinancialSummary)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportFinancialSummary")
            .WithSummary("Export the financial summary's months as CSV")
            .WithDescription("The monthly rows of the summary, the same figures, as text/csv.")
            .Produces(StatusCodes.Status200OK, contentType: CsvFiles.ContentType)
            .ProducesValidationProblem();
        reports.MapGet("/subscriptions", Subscriptions)
            .RequireAuthorization(Policies.Read)
            .WithName("GetSubscriptionAnalytics")
            .WithSummary("Subscription analytics of a period: growth, churn, top products, monthly vs annual")
            .WithDescription("From the subscriptions the enabled clients' latest ClientLicensesChanged listed, and for " +
                "an organization-wide caller those of the Pax8 companies mapped to no client (removed and " +
                "cancelled ones too), instants UTC. A subscription is live at an instant when it started before it and " +
                "neither ended nor was removed before it (one no longer active with no end day counts nowhere); its " +
                "monthly value is quantity × price ÷ the months one price covers (12 for annual), rounded once per line " +
                "(0 for one-time and trial). Per calendar month of the period and currency: active at start, new " +
                "(started within it: growth), cancelled (ended or removed within it: churn), churn rate = cancelled ÷ " +
                "active at start (%, up to 6 decimals, the UI rounds it; null without any), MRR at start and end, net MRR change = end − start. " +
                "Products and billing terms take the subscriptions live at the end of the period's last month: " +
                $"subscriptions, licences (Σ quantity), clients and MRR. {Money} {ReportPeriod.Description}")
            .ProducesValidationProblem();
        reports.MapGet("/subscriptions/export", ExportSubscriptions)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportSubscriptionAnalytics")
            .WithSummary("Export a table of the subscription analytics as CSV")
            .WithDescription("`table` = `months` (default), `products` or `terms`: that table's rows in its order, the " +
                "same figures, as text/csv.")
            .Produces(StatusCodes.Status200OK, contentType: CsvFiles.ContentType)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<RevenueByClientResponse>, ValidationProblem>> RevenueByClient(
        [AsParameters] ReportTableParameters parameters, [AsParameters] PageParameters paging, ReportStore store,
        IActorContext caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, paging, RevenueSorts, "invoiced", out var query, out var invalid))
        {
            return invalid;
        }
        return TypedResults.Ok(await RevenueAsync(query, store, caller, clock.GetUtcNow(), cancellationToken));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportRevenueByClient(
        [AsParameters] ReportTableParameters parameters, ReportStore store, IActorContext caller, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, null, RevenueSorts, "invoiced", out var query, out var invalid))
        {
            return invalid;
        }
        var report = await RevenueAsync(query, store, caller, clock.GetUtcNow(), cancellationToken);
        return TypedResults.File(ReportsCsv.Revenue(report.Period.Period, report.Table.Items), CsvFiles.ContentType,
            FileName("revenue-by-client", report.Period.Period));
    }

    public static async Task<Results<Ok<PaymentTrackingResponse>, ValidationProblem>> Payments(
        [AsParameters] ReportTableParameters parameters, [AsParameters] PageParameters paging, ReportStore store,
        IActorContext caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, paging, PaymentSorts, "overdue", out var query, out var invalid))
        {
            return invalid;
        }
        return TypedResults.Ok(await PaymentsAsync(query, store, caller, Today(clock), cancellationToken));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportPayments(
        [AsParameters] ReportTableParameters parameters, ReportStore store, IActorContext caller, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, null, PaymentSorts, "overdue", out var query, out var invalid))
        {
            return invalid;
        }
        var report = await PaymentsAsync(query, store, caller, Today(clock), cancellationToken);
        return TypedResults.File(ReportsCsv.Payments(report.Period.Period, report.Table.Items), CsvFiles.ContentType,
            FileName("payments", report.Period.Period));
    }

    public static async Task<Results<Ok<FinancialSummaryResponse>, ValidationProblem>> FinancialSummary(
        [AsParameters] ReportPeriodParameters parameters, ReportStore store, IActorContext caller, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, out var period, out var invalid))
        {
            return invalid;
        }
        return TypedResults.Ok(await SummaryAsync(period, store, caller, clock.GetUtcNow(), cancellationToken));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportFinancialSummary(
        [AsParameters] ReportPeriodParameters parameters, ReportStore store, IActorContext caller, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, out var period, out var invalid))
        {
            return invalid;
        }
        var report = await SummaryAsync(period, store, caller, clock.GetUtcNow(), cancellationToken);
        return TypedResults.File(ReportsCsv.FinancialSummary(report.Period.Period, report.Months), CsvFiles.ContentType,
            FileName("financial-summary", report.Period.Period));
    }

    public static async Task<Results<Ok<SubscriptionAnalyticsResponse>, ValidationProblem>> Subscriptions(
        [AsParameters] ReportPeriodParameters parameters, ReportStore store, IActorContext caller, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, out var period, out var invalid))
        {
            return invalid;
        }
        return TypedResults.Ok(await SubscriptionsAsync(period, store, caller, clock.GetUtcNow(), cancellationToken));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportSubscriptions(
        [AsParameters] SubscriptionExportParameters parameters, ReportStore store, IActorContext caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var table = parameters.Table?.Trim().ToLowerInvariant() ?? SubscriptionTables[0];
        if (!EndpointConventions.TryParseListQuery(errors =>
            {
                var period = ReportPeriod.Parse(parameters.Period, parameters.From, parameters.To, errors);
                if (!SubscriptionTables.Contains(table))
                {
                    errors["table"] = [$"table must be one of {string.Join(", ", SubscriptionTables)}."];
                }
                return errors.Count == 0 ? period : null;
            }, out var parsed, out var invalid))
        {
            return invalid;
        }
        var report = await SubscriptionsAsync(parsed, store, caller, clock.GetUtcNow(), cancellationToken);
        var name = report.Period.Period;
        var csv = table switch
        {
            "products" => ReportsCsv.SubscriptionProducts(name, report.Products),
            "terms" => ReportsCsv.SubscriptionTerms(name, report.Terms),
            _ => ReportsCsv.SubscriptionMonths(name, report.Months),
        };
        return TypedResults.File(csv, CsvFiles.ContentType, FileName($"subscriptions-{table}", name));
    }

    private static async Task<SubscriptionAnalyticsResponse> SubscriptionsAsync(ReportPeriod period, ReportStore store,
        IActorContext caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lines = await store.SubscriptionLinesAsync(caller.OrgId, caller.ClientScope, cancellationToken);
        var months = SubscriptionAnalytics.Months(lines, period.Months, now).Select(month => new SubscriptionMonth(
            month.Month.ToString(), month.Currency, month.ActiveAtStart, month.New, month.Cancelled, month.ChurnRate,
            month.MrrAtStart, month.MrrAtEnd, month.NetMrrChange)).ToList();
        var products = SubscriptionAnalytics.Products(lines, period.LastMonth, now).Select(product => new SubscriptionProduct(
            product.ProductId, product.ProductName, product.Currency, product.Subscriptions, product.Licences,
            product.Clients, product.Mrr)).ToList();
        var terms = SubscriptionAnalytics.BillingTerms(lines, period.LastMonth, now).Select(term => new SubscriptionTerm(
            term.BillingTerm, term.Currency, term.Subscriptions, term.Licences, term.Mrr)).ToList();
        return new SubscriptionAnalyticsResponse(PeriodOf(period, DateOnly.FromDateTime(now.UtcDateTime)), months,
            products, terms);
    }

    private static async Task<RevenueByClientResponse> RevenueAsync(ReportTableQuery query, ReportStore store,
        IActorContext caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var period = query.Period;
        var invoices = await store.InvoicesByClientAsync(caller.OrgId, caller.ClientScope, period, today, cancellationToken);
        var usage = await store.UsageByClientAsync(caller.OrgId, caller.ClientScope, period.Months, cancellationToken);
        var mrr = await store.MrrByClientAsync(caller.OrgId, caller.ClientScope, period.LastMonth, cancellationToken);
        var usageOf = usage.ToDictionary(row => (ClientId: (Guid?)row.ClientId, row.Currency));
        var mrrOf = mrr.ToDictionary(row => (ClientId: (Guid?)row.ClientId, row.Currency));
        var invoicesOf = invoices.ToDictionary(row => (row.ClientId, row.Currency));
        // The Unmapped line's MRR: the companies mapped to no client's.
        var unmappedMrr = SubscriptionAnalytics.MrrAtEnd(
            await store.UnmappedLinesAsync(caller.OrgId, caller.ClientScope, cancellationToken), period.LastMonth, now);
        var unmappedKeys = unmappedMrr.Where(pair => pair.Value != 0).Select(pair => (ClientId: (Guid?)null, Currency: pair.Key));
        var rows = invoicesOf.Keys.Union(usageOf.Keys).Union(mrrOf.Keys).Union(unmappedKeys).Select(key =>
        {
            var invoiced = invoicesOf.GetValueOrDefault(key);
            var name = key.ClientId is null ? UnmappedLine
                : invoiced?.ClientName ?? mrrOf.GetValueOrDefault(key)?.ClientName ?? usageOf[key].ClientName;
            return new RevenueByClientRow(key.ClientId, name, key.Currency, invoiced?.Invoices ?? 0,
                Decimals.Amount(invoiced?.Invoiced ?? 0m, key.Currency),
                Decimals.Amount(usageOf.GetValueOrDefault(key)?.Amount ?? 0m, key.Currency),
                Decimals.Amount(key.ClientId is null ? unmappedMrr.GetValueOrDefault(key.Currency)
                    : mrrOf.GetValueOrDefault(key)?.Amount ?? 0m, key.Currency));
        }).ToList();
        var totals = rows.GroupBy(row => row.Currency).OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new RevenueTotals(group.Key, group.Sum(row => row.Invoices), group.Sum(row => row.Invoiced),
                group.Sum(row => row.UsageBilled), group.Sum(row => row.MrrAtEnd))).ToList();
        var table = query.PageOf(rows, (row, sort) => sort switch
        {
            "usage-billed" => row.UsageBilled,
            "mrr" => row.MrrAtEnd,
            _ => row.Invoiced,
        }, row => row.ClientName, row => row.Currency, row => row.ClientId);
        return new RevenueByClientResponse(PeriodOf(period, today), totals, table);
    }

    private static async Task<PaymentTrackingResponse> PaymentsAsync(ReportTableQuery query, ReportStore store,
        IActorContext caller, DateOnly today, CancellationToken cancellationToken)
    {
        var invoices = await store.InvoicesByClientAsync(caller.OrgId, caller.ClientScope, query.Period, today,
            cancellationToken);
        var rows = invoices.Select(row => new PaymentTrackingRow(row.ClientId, row.ClientName ?? UnmappedLine, row.Currency, row.Invoices,
            Decimals.Amount(row.Invoiced, row.Currency), Decimals.Amount(row.Paid, row.Currency),
            Decimals.Amount(row.Outstanding, row.Currency), Decimals.Amount(row.Overdue, row.Currency), row.PaidInFull,
            row.AverageDaysToPay)).ToList();
        var totals = rows.GroupBy(row => row.Currency).OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new PaymentTotals(group.Key, group.Sum(row => row.Invoices), group.Sum(row => row.Invoiced),
                group.Sum(row => row.Paid), group.Sum(row => row.Outstanding), group.Sum(row => row.Overdue))).ToList();
        var table = query.PageOf(rows, (row, sort) => sort switch
        {
            "invoiced" => row.Invoiced,
            "paid" => row.Paid,
            "outstanding" => row.Outstanding,
            "days-to-pay" => row.AverageDaysToPay,
            _ => row.Overdue,
        }, row => row.ClientName, row => row.Currency, row => row.ClientId);
        return new PaymentTrackingResponse(PeriodOf(query.Period, today), totals, table);
    }

    private static async Task<FinancialSummaryResponse> SummaryAsync(ReportPeriod period, ReportStore store,
        IActorContext caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var months = period.Months;
        var invoices = (await store.InvoicesByMonthAsync(caller.OrgId, caller.ClientScope, period, today, cancellationToken))
            .ToDictionary(row => (new BillingMonth(row.Year, row.Month), row.Currency));
        var mrr = (await store.MrrByMonthAsync(caller.OrgId, caller.ClientScope, months, cancellationToken))
            .ToDictionary(row => (new BillingMonth(row.Year, row.Month), row.Currency), row => row.Amount);
        // MRR is that of all active subscriptions: the unmapped companies' join the clients'.
        var unmapped = await store.UnmappedLinesAsync(caller.OrgId, caller.ClientScope, cancellationToken);
        foreach (var month in months)
        {
            foreach (var (currency, amount) in SubscriptionAnalytics.MrrAtEnd(unmapped, month, now))
            {
                mrr[(month, currency)] = mrr.GetValueOrDefault((month, currency)) + amount;
            }
        }
        var usage = (await store.UsageByMonthAsync(caller.OrgId, caller.ClientScope, months, cancellationToken))
            .ToDictionary(row => (new BillingMonth(row.Year, row.Month), row.Currency), row => row.Amount);
        var currencies = invoices.Keys.Select(key => key.Item2).Union(mrr.Where(pair => pair.Value != 0)
                .Select(pair => pair.Key.Item2)).Union(usage.Keys.Select(key => key.Item2))
            .Order(StringComparer.Ordinal).ToList();
        var rows = months.SelectMany(month => currencies.Select(currency =>
        {
            var issued = invoices.GetValueOrDefault((month, currency));
            return new FinancialSummaryMonth(month.ToString(), currency, issued?.Invoices ?? 0,
                Decimals.Amount(issued?.Invoiced ?? 0m, currency), Decimals.Amount(issued?.Paid ?? 0m, currency),
                Decimals.Amount(issued?.Outstanding ?? 0m, currency), Decimals.Amount(issued?.Overdue ?? 0m, currency),
                Decimals.Amount(mrr.GetValueOrDefault((month, currency)), currency),
                Decimals.Amount(usage.GetValueOrDefault((month, currency)), currency));
        })).ToList();
        var last = months[^1].ToString();
        var totals = rows.GroupBy(row => row.Currency).Select(group => new FinancialSummaryTotals(group.Key,
            group.Sum(row => row.Invoices), group.Sum(row => row.Invoiced), group.Sum(row => row.Paid),
            group.Sum(row => row.Outstanding), group.Sum(row => row.Overdue),
            group.Single(row => row.Month == last).MrrAtEnd, group.Sum(row => row.UsageBilled))).ToList();
        return new FinancialSummaryResponse(PeriodOf(period, today), totals, rows);
    }

    private static ReportPeriodResponse PeriodOf(ReportPeriod period, DateOnly today) =>
        new(period.Name, period.From, period.To, [.. period.Months.Select(month => month.ToString())], today);

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static string FileName(string report, string period) => $"{report}-{period.Replace("..", "_to_")}.csv";

    private static bool TryParse(ReportTableParameters parameters, PageParameters? paging, IReadOnlyList<string> sorts,
        string defaultSort, [NotNullWhen(true)] out ReportTableQuery? query,
        [NotNullWhen(false)] out ValidationProblem? invalid) =>
        EndpointConventions.TryParseListQuery(errors => ReportTableQuery.Parse(parameters.Period, parameters.From,
            parameters.To, parameters.Sort, parameters.Direction, paging?.Page, paging?.PageSize, paging is not null,
            sorts, defaultSort, errors), out query, out invalid);

    private static bool TryParse(ReportPeriodParameters parameters, [NotNullWhen(true)] out ReportPeriod? period,
        [NotNullWhen(false)] out ValidationProblem? invalid) =>
        EndpointConventions.TryParseListQuery(errors => ReportPeriod.Parse(parameters.Period, parameters.From,
            parameters.To, errors), out period, out invalid);
}

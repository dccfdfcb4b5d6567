using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Testing;

namespace BillingOne.Projection.Tests.Api;

/// <summary>
/// Subscription analytics (#19) over a hand-computed dataset published through the bus, for 2026-Q1 (instants UTC).
/// M365 (P1), Defender (P2) and Huntress (P3); monthly values are quantity × price ÷ months per term, rounded per line:
/// <list type="bullet">
/// <item>Alpha Dental: A1 P1 monthly 10 × 33.00 = 330.00, active since 2025-06-01; A2 P2 annual 7 × 54.00 ÷ 12 = 31.50,
/// active since 2026-02-15; A3 P3 monthly 5 × 6.00 = 30.00, cancelled, 2025-10-01 to 2026-02-10. A late version 1 with
/// another line is ignored.</item>
/// <item>Bravo Legal: B1 P1 monthly 3 × 33.00 = 99.00 since 2026-01-20; B2 P2 annual 1 × 55.00 ÷ 12 = 4.5833… = 4.58,
/// since 2025-12-01, removed 2026-03-05; B3 P3 cancelled with no end day (counted nowhere); B4 P1 NZD monthly 4 ×
/// 36.00 = 144.00 since 2026-03-01.</item>
/// <item>Delta Disabled: P1 monthly 100 × 33.00 since 2026-01-01, a disabled client: counted nowhere.</item>
/// </list>
/// </summary>
[Trait("Category", "Integration")]
public sealed class SubscriptionReportTests(ProjectionFixture fixture) : IClassFixture<ProjectionFixture>
{
    private const string Path = "/api/projection/reports/subscriptions";
    private const string Quarter = "period=2026-Q1";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset At = new(2026, 3, 31, 0, 0, 0, TimeSpan.Zero);

    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid alpha = Guid.NewGuid();
    private readonly Guid bravo = Guid.NewGuid();
    private readonly Guid delta = Guid.NewGuid();
    private readonly Guid m365 = Guid.NewGuid();
    private readonly Guid defender = Guid.NewGuid();
    private readonly Guid huntress = Guid.NewGuid();

    [Fact]
    public async Task Growth_churn_and_net_mrr_change_per_month_and_currency()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var report = await http.GetFromJsonAsync<SubscriptionsDto>($"{Path}?{Quarter}", Json);

        report!.Period.Months.ShouldBe(["2026-01", "2026-02", "2026-03"]);
        report.Months.ShouldBe(
        [
            // Live on 1 Jan: A1, A3, B2 (330.00 + 30.00 + 4.58 = 364.58); B1 starts; on 1 Feb + 99.00 = 463.58.
            new MonthDto("2026-01", "AUD", 3, 1, 0, 0.0m, 364.58m, 463.58m, 99.00m),
            new MonthDto("2026-01", "NZD", 0, 0, 0, null, 0.00m, 0.00m, 0.00m),
            // Live on 1 Feb: A1, A3, B2, B1; A2 starts, A3 ends: 1 ÷ 4 = 25.0 %; 463.58 + 31.50 − 30.00 = 465.08.
            new MonthDto("2026-02", "AUD", 4, 1, 1, 25.0m, 463.58m, 465.08m, 1.50m),
            new MonthDto("2026-02", "NZD", 0, 0, 0, null, 0.00m, 0.00m, 0.00m),
            // Live on 1 Mar: A1, A2, B1, B2; B2 removed: 1 ÷ 4 = 25.0 %; 465.08 − 4.58 = 460.50.
            new MonthDto("2026-03", "AUD", 4, 0, 1, 25.0m, 465.08m, 460.50m, -4.58m),
            // B4 starts on 1 Mar.
            new MonthDto("2026-03", "NZD", 0, 1, 0, null, 0.00m, 144.00m, 144.00m),
        ]);
    }

    [Fact]
    public async Task Top_products_and_billing_terms_take_the_subscriptions_live_at_the_periods_end()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var report = await http.GetFromJsonAsync<SubscriptionsDto>($"{Path}?{Quarter}", Json);

        // Live on 1 Apr: A1, A2, B1, B4.
        report!.Products.ShouldBe(
        [
            new ProductDto(m365, "Microsoft 365 Business Premium", "AUD", 2, 13, 2, 429.00m), // A1 + B1: 10 + 3; 330.00 + 99.00
            new ProductDto(m365, "Microsoft 365 Business Premium", "NZD", 1, 4, 1, 144.00m), // B4
            new ProductDto(defender, "Defender for Endpoint P1", "AUD", 1, 7, 1, 31.50m), // A2
        ], "most MRR first");
        report.Terms.ShouldBe(
        [
            new TermDto("monthly", "AUD", 2, 13, 429.00m),
            new TermDto("monthly", "NZD", 1, 4, 144.00m),
            new TermDto("annual", "AUD", 1, 7, 31.50m), // 7 × 54.00 ÷ 12
        ]);
    }

    [Fact]
    public async Task Each_export_is_its_table()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);
        var report = (await http.GetFromJsonAsync<SubscriptionsDto>($"{Path}?{Quarter}", Json))!;

        (await http.CsvLinesAsync($"{Path}/export?{Quarter}")).ShouldBe(
        [
            "Period,Month,Currency,Active at Start,New,Cancelled,Churn Rate %,MRR at Start,MRR at End,Net MRR Change",
            .. report.Months.Select(row => Csv("2026-Q1", row.Month, row.Currency, row.ActiveAtStart, row.New,
                row.Cancelled, row.ChurnRate, row.MrrAtStart, row.MrrAtEnd, row.NetMrrChange)),
        ]);
        (await http.CsvLinesAsync($"{Path}/export?{Quarter}&table=products")).ShouldBe(
        [
            "Period,Product ID,Product,Currency,Subscriptions,Licences,Clients,MRR",
            .. report.Products.Select(row => Csv("2026-Q1", row.ProductId, row.ProductName, row.Currency,
                row.Subscriptions, row.Licences, row.Clients, row.Mrr)),
        ]);
        (await http.CsvLinesAsync($"{Path}/export?{Quarter}&table=terms")).ShouldBe(
        [
            "Period,Billing Term,Currency,Subscriptions,Licences,MRR",
            .. report.Terms.Select(row => Csv("2026-Q1", row.BillingTerm, row.Currency, row.Subscriptions, row.Licences,
                row.Mrr)),
        ]);
        (report.Months.Count, report.Products.Count, report.Terms.Count).ShouldBe((6, 3, 3));
    }

    [Fact]
    public async Task A_client_scope_sees_only_its_clients_subscriptions()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly, clientScope: alpha);

        var report = (await http.GetFromJsonAsync<SubscriptionsDto>($"{Path}?period=2026-02", Json))!;

        // Live on 1 Feb: A1, A3 (330.00 + 30.00); A2 starts, A3 ends: 1 ÷ 2 = 50.0 %; 360.00 + 31.50 − 30.00 = 361.50.
        report.Months.ShouldBe([new MonthDto("2026-02", "AUD", 2, 1, 1, 50.0m, 360.00m, 361.50m, 1.50m)]);
        report.Products.Select(row => (row.ProductId, row.Clients, row.Mrr)).ShouldBe([(m365, 1, 330.00m), (defender, 1, 31.50m)]);
        (await http.CsvLinesAsync($"{Path}/export?period=2026-02&table=products")).Length.ShouldBe(3, "the header and A1, A2");
    }

    [Fact]
    public async Task A_rebuild_gives_the_same_analytics()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);
        using var admin = fixture.Host.ClientFor(orgId, Roles.Admin);
        var before = await http.GetStringAsync($"{Path}?{Quarter}");

        (await Rebuilds.RunAsync(admin)).Status.ShouldBe("completed");

        (await http.GetStringAsync($"{Path}?{Quarter}")).ShouldBe(before);
        before.ShouldContain("463.58", Case.Sensitive, "the figures were there to rebuild");
    }

    [Theory]
    [InlineData("", "period")]
    [InlineData("?period=2026-13", "period")]
    [InlineData("/export?period=2026&table=clients", "table")]
    [InlineData("/export?from=2026-02-01&to=2026-01-31", "to")]
    public async Task A_bad_query_is_a_validation_problem_naming_the_parameter(string query, string parameter)
    {
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        using var response = await http.GetAsync($"{Path}{query}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().Keys.ToArray().ShouldBe([parameter]);
    }

    private async Task GivenTheDatasetAsync()
    {
        await PublishAsync(new ClientUpserted(orgId, alpha, "Alpha Dental", true, "UTC", 1, At, At));
        await PublishAsync(new ClientUpserted(orgId, bravo, "Bravo Legal", true, "UTC", 1, At, At));
        await PublishAsync(new ClientUpserted(orgId, delta, "Delta Disabled", false, "UTC", 1, At, At));
        await PublishAsync(Licenses(alpha, 2,
        [
            Line(m365, "Microsoft 365 Business Premium", 10, 33.00m, "AUD", "monthly", "active", Day(2025, 6, 1)),
            Line(defender, "Defender for Endpoint P1", 7, 54.00m, "AUD", "annual", "active", Day(2026, 2, 15)),
            Line(huntress, "Huntress Managed EDR", 5, 6.00m, "AUD", "monthly", "cancelled", Day(2025, 10, 1),
                end: Day(2026, 2, 10)),
        ]));
        await PublishAsync(Licenses(alpha, 1,
            [Line(huntress, "Huntress Managed EDR", 500, 6.00m, "AUD", "monthly", "active", Day(2026, 1, 1))]));
        await PublishAsync(Licenses(bravo, 1,
        [
            Line(m365, "Microsoft 365 Business Premium", 3, 33.00m, "AUD", "monthly", "active", Day(2026, 1, 20)),
            Line(defender, "Defender for Endpoint P1", 1, 55.00m, "AUD", "annual", "active", Day(2025, 12, 1),
                removed: Day(2026, 3, 5)),
            Line(huntress, "Huntress Managed EDR", 2, 6.00m, "AUD", "monthly", "cancelled", Day(2025, 11, 1)),
            Line(m365, "Microsoft 365 Business Premium", 4, 36.00m, "NZD", "monthly", "active", Day(2026, 3, 1)),
        ]));
        await PublishAsync(Licenses(delta, 1,
            [Line(m365, "Microsoft 365 Business Premium", 100, 33.00m, "AUD", "monthly", "active", Day(2026, 1, 1))]));
    }

    private ClientLicensesChanged Licenses(Guid clientId, long version, IReadOnlyList<ClientSubscriptionLine> lines) =>
        new(orgId, clientId, version, At, null, 0m, 0, 0, 0, null, [], lines);

    private static ClientSubscriptionLine Line(Guid productId, string productName, int quantity, decimal unitPrice,
        string currency, string term, string status, DateTimeOffset start, DateTimeOffset? end = null,
        DateTimeOffset? removed = null) =>
        new(Guid.NewGuid(), productId, productName, quantity, unitPrice, currency, term, status, start, end, removed);

    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    private Task PublishAsync<T>(T message) where T : class => fixture.Host.PublishAndWaitAsync(message);

    private static string Csv(params object?[] fields) =>
        string.Join(",", fields.Select(field => Convert.ToString(field, CultureInfo.InvariantCulture)));

    private sealed record PeriodDto(string Period, DateOnly From, DateOnly To, List<string> Months, DateOnly AsOf);

    private sealed record SubscriptionsDto(PeriodDto Period, List<MonthDto> Months, List<ProductDto> Products,
        List<TermDto> Terms);

    private sealed record MonthDto(string Month, string Currency, int ActiveAtStart, int New, int Cancelled,
        decimal? ChurnRate, decimal MrrAtStart, decimal MrrAtEnd, decimal NetMrrChange);

    private sealed record ProductDto(Guid ProductId, string ProductName, string Currency, int Subscriptions,
        int Licences, int Clients, decimal Mrr);

    private sealed record TermDto(string BillingTerm, string Currency, int Subscriptions, int Licences, decimal Mrr);
}

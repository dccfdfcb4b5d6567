using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;

namespace BillingOne.Projection.Tests.Api;

/// <summary>
/// The Over/Under screen with metering's adjustments: late readings' corrections of a finalized month count in the
/// month they were booked (and invoiced) on, added to the bucket's line there, so every period's figures are what
/// metering billed for it. Audit1 Dental has "Audit Backup" storage-gb, a <c>last</c> bucket (its usage can fall), AUD
/// (commit 100, base 50, overage 0.5), and "Audit Tickets" ticket, USD (3, 10, 0.17). Final readings and adjustments
/// (adjustment figures are differences of the corrected month's rounded lines):
/// <code>
///                  2026-03                        2026-04                       2026-05
/// Backup reading   90 under: 50, buffer 5.00      120 over: 50 + 10.00 = 60     96 under: 50, buffer 2.00 (4 units)
/// Backup adjusts                                  March 90 → 108.5: +18.5 units, March 108.5 → 96: −12.5 units,
///                                                 overage +4.25, buffer −5.00    overage −4.25, buffer +2.00
///                                                 (−10 units)                    (+4 units)
/// Tickets reading  3 on: 10                       5 over: 10 + 0.34 = 10.34      3 on: 10
/// Tickets adjusts                                 March 3 → 4: +1 unit, +0.17
/// Billed (metering) AUD 50.00, USD 10.00           AUD 64.25, USD 10.51           AUD 45.75, USD 10.00
/// </code>
/// May's backup adjustment is priced from March as April's left it (108.5, no buffer), not from March's reading.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OverUnderAdjustmentTests(ProjectionFixture fixture) : IClassFixture<ProjectionFixture>
{
    private const string OverUnder = "/api/projection/over-under";
    private const string ClientName = "Audit1 Dental";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid client = Guid.NewGuid();
    private readonly Guid backup = Guid.NewGuid();
    private readonly Guid tickets = Guid.NewGuid();

    [Fact]
    public async Task A_months_figures_are_its_readings_plus_the_adjustments_booked_on_it_as_metering_billed_them()
    {
        var billed = await GivenTheBillingAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var april = (await http.GetFromJsonAsync<PageDto<OverUnderClientDto>>(
            $"{OverUnder}/clients?period=2026-04&search=audit1", Json))!.Items;
        april.ShouldBeEquivalentTo(new List<OverUnderClientDto>
        {
            // 60.00 + 4.25; overage 10.00 + 4.25; buffer 0 − 5.00; vs commit 14.25 − (−5.00).
            new OverUnderClientDto(client, ClientName, ["storage-gb"], "over-commit", "AUD", 64.25m, 50.00m, 19.25m,
                14.25m, -5.00m),
            // 10.34 + 0.17.
            new OverUnderClientDto(client, ClientName, ["ticket"], "over-commit", "USD", 10.51m, 10.00m, 0.51m, 0.51m,
                0.00m),
        });
        foreach (var (month, lines) in billed)
        {
            var rows = (await http.GetFromJsonAsync<PageDto<OverUnderClientDto>>(
                $"{OverUnder}/clients?period={month}", Json))!.Items;
            rows.Select(row => (row.Currency, row.FinalCost)).ShouldBe(
                lines.Select(finalized => (finalized.Currency, finalized.Amount)),
                $"{month}'s final cost per currency is what metering billed, adjustments included");
        }

        (await http.GetFromJsonAsync<OverUnderSummaryDto>($"{OverUnder}/summary?period=2026-04", Json))
            .ShouldBeEquivalentTo(new OverUnderSummaryDto("2026-04", ["2026-05", "2026-04", "2026-03"], "AUD", 1, 1, 0, 0,
                0, 64.25m, 50.00m, 14.25m, -5.00m));
        (await http.GetFromJsonAsync<OverUnderSummaryDto>($"{OverUnder}/summary?period=2026-03", Json))
            .ShouldBeEquivalentTo(new OverUnderSummaryDto("2026-03", ["2026-05", "2026-04", "2026-03"], "AUD", 1, 0, 1, 0,
                0, 50.00m, 50.00m, 0.00m, 5.00m), "the corrected month keeps its original bill");
    }

    [Fact]
    public async Task The_csv_exports_agree_with_the_tables_adjustments_included()
    {
        await GivenTheBillingAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        (await http.CsvLinesAsync($"{OverUnder}/clients/export?period=2026-04&search=audit1")).ShouldBe(
        [
            "Period,Client ID,Client,Unit Types,Status,Currency,Final Cost,Committed,vs Commit,Overage,Buffer",
            $"2026-04,{client},{ClientName},storage-gb,over-commit,AUD,64.25,50.00,19.25,14.25,-5.00",
            $"2026-04,{client},{ClientName},ticket,over-commit,USD,10.51,10.00,0.51,0.51,0.00",
        ]);

        var unitTypes = await http.GetFromJsonAsync<UnitTypesDto>($"{OverUnder}/unit-types?period=2026-04", Json);
        // 120 − 100 + 18.5 units delivered; the USD tickets are not in the main currency.
        unitTypes!.Items.ShouldBe([new UnitTypeDto("storage-gb", 1, 38.5m, 14.25m, -5.00m)]);
        (await http.CsvLinesAsync($"{OverUnder}/unit-types/export?period=2026-04")).ShouldBe(
        [
            "Period,Unit Type,Currency,Buckets,Delta Units,Overage,Buffer",
            "2026-04,storage-gb,AUD,1,38.5,14.25,-5.00",
        ]);

        // May: buffer 2.00 of 4 units + 2.00 of 4.0 units given back to March (units keep the usages' scale).
        var may = await http.GetFromJsonAsync<RightSizeDto>($"{OverUnder}/right-size?period=2026-05", Json);
        may.ShouldBeEquivalentTo(new RightSizeDto("2026-05", "AUD", 4.00m,
            [new CandidateDto(client, ClientName, ["storage-gb"], 50.00m, 4.00m, 8m, 8.0m)]));
        (await http.CsvLinesAsync($"{OverUnder}/right-size/export?period=2026-05")).ShouldBe(
        [
            "Period,Client ID,Client,Unit Types,Currency,Committed,Buffer,Buffer Units,% Unused",
            $"2026-05,{client},{ClientName},storage-gb,AUD,50.00,4.00,8.0,8.0",
        ]);
    }

    [Fact]
    public async Task The_trend_counts_each_adjustment_once_in_the_month_it_was_booked_on()
    {
        await GivenTheBillingAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var trend = await http.GetFromJsonAsync<TrendDto>($"{OverUnder}/trend", Json);

        // Over the three months: overage 10.00 (April's own; March ends at 96, under its commit), buffer 2.00 + 2.00.
        trend.ShouldBeEquivalentTo(new TrendDto("AUD",
        [
            new TrendPointDto("2026-03", 0.00m, 5.00m),
            new TrendPointDto("2026-04", 14.25m, -5.00m),
            new TrendPointDto("2026-05", -4.25m, 4.00m),
        ]));
    }

    [Fact]
    public async Task A_rebuild_from_the_event_log_keeps_the_adjustments()
    {
        await GivenTheBillingAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);
        string[] paths =
        [
            $"{OverUnder}/summary?period=2026-04", $"{OverUnder}/clients?period=2026-04", $"{OverUnder}/trend",
            $"{OverUnder}/right-size?period=2026-05", $"{OverUnder}/unit-types?period=2026-04",
        ];
        async Task<List<string>> AnswersAsync()
        {
            var answers = new List<string>();
            foreach (var path in paths)
            {
                answers.Add(await http.GetStringAsync(path));
            }
            return answers;
        }
        var before = await AnswersAsync();
        before[0].ShouldContain("\"finalCost\":64.25");

        using var admin = fixture.Host.ClientFor(orgId, Roles.Admin);
        (await Rebuilds.RunAsync(admin)).Status.ShouldBe("completed");

        (await AnswersAsync()).ShouldBe(before);
    }

    /// <summary>Publishes the months as metering finalizes them; returns each month's billed totals per currency.</summary>
    private async Task<List<(string Month, List<ClientBillingFinalized> Billed)>> GivenTheBillingAsync()
    {
        var billed = new List<(string, List<ClientBillingFinalized>)>();
        foreach (var (month, backupUsage, ticketUsage) in new[] { (3, 90m, 3m), (4, 120m, 5m), (5, 96m, 3m) })
        {
            await PublishAsync(Final(backup, "Audit Backup", "storage-gb", "last", 100m, 50m, 0.5m, "AUD", month,
                backupUsage));
            await PublishAsync(Final(tickets, "Audit Tickets", "ticket", "max", 3m, 10m, 0.17m, "USD", month, ticketUsage));
        }

        var march = new List<ClientBillingFinalized>
        {
            Finalized(3, "AUD", Reading(backup, "Audit Backup", "storage-gb", 90m, 100m, 50m, 0m)),
            Finalized(3, "USD", Reading(tickets, "Audit Tickets", "ticket", 3m, 3m, 10m, 0m)),
        };
        var april = new List<ClientBillingFinalized>
        {
            Finalized(4, "AUD", Reading(backup, "Audit Backup", "storage-gb", 120m, 100m, 50m, 10.00m),
                AdjustmentOfMarch(backup, "Audit Backup", "storage-gb", 18.5m, 100m, 4.25m)),
            Finalized(4, "USD", Reading(tickets, "Audit Tickets", "ticket", 5m, 3m, 10m, 0.34m),
                AdjustmentOfMarch(tickets, "Audit Tickets", "ticket", 1m, 3m, 0.17m)),
        };
        var may = new List<ClientBillingFinalized>
        {
            Finalized(5, "AUD", Reading(backup, "Audit Backup", "storage-gb", 96m, 100m, 50m, 0m),
                AdjustmentOfMarch(backup, "Audit Backup", "storage-gb", -12.5m, 100m, -4.25m)),
            Finalized(5, "USD", Reading(tickets, "Audit Tickets", "ticket", 3m, 3m, 10m, 0m)),
        };
        foreach (var (month, finalized) in new[] { ("2026-03", march), ("2026-04", april), ("2026-05", may) })
        {
            foreach (var message in finalized)
            {
                await PublishAsync(message);
            }
            billed.Add((month, finalized));
        }
        return billed;
    }

    private BucketUsageObserved Final(Guid bucketId, string bucketName, string unitTypeKey, string aggregation,
        decimal commitUnits, decimal basePrice, decimal overagePrice, string currency, int month, decimal usage)
    {
        var start = new DateTimeOffset(2026, month, 1, 0, 0, 0, TimeSpan.Zero);
        return new BucketUsageObserved(orgId, bucketId, 1, client, ClientName, bucketName, unitTypeKey, aggregation, true,
            commitUnits, basePrice, overagePrice, currency, 2026, month, start, start.AddMonths(1), start.AddMonths(1),
            usage, [usage], true, null);
    }

    private ClientBillingFinalized Finalized(int month, string currency, params FinalizedBillingLine[] lines) =>
        new(orgId, client, 2026, month, currency, new DateTimeOffset(2026, month + 1, 5, 0, 0, 0, TimeSpan.Zero),
            lines.Sum(line => line.Cost), lines);

    private static FinalizedBillingLine Reading(Guid bucketId, string bucketName, string unitTypeKey, decimal usage,
        decimal commitUnits, decimal basePrice, decimal overage) =>
        new(bucketId, bucketName, unitTypeKey, "reading", usage, commitUnits, basePrice, overage, basePrice + overage,
            null, null);

    /// <summary>An adjustment of March with the same terms: the base line does not change, only the overage.</summary>
    private static FinalizedBillingLine AdjustmentOfMarch(Guid bucketId, string bucketName, string unitTypeKey,
        decimal usage, decimal commitUnits, decimal overage) =>
        new(bucketId, bucketName, unitTypeKey, "adjustment", usage, commitUnits, 0m, overage, overage, 2026, 3);

    private Task PublishAsync<T>(T message) where T : class => fixture.Host.PublishAndWaitAsync(message);
}

extern alias projection;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using BucketUsageObservedApplier = projection::BillingOne.Projection.Projections.BucketUsageObservedApplier;
using UsageProjectionScheduler = projection::BillingOne.Projection.Scheduling.UsageProjectionScheduler;

namespace BillingOne.Projection.Tests.Api;

/// <summary>
/// The backtest as stored errors: each finalized period's errors are written with its final observation, replaced by a
/// newer version, deleted with the bucket, and the same again after a rebuild or when a recalculation (the pass, or
/// asked for through the API) computes missing ones. Weekly data: weekdays 10 units, weekends 2, in UTC months; each
/// test is an organization of its own.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UsageBacktestErrorTests(ProjectionFixture fixture) : IClassFixture<ProjectionFixture>
{
    private const string Recalculate = "/api/projection/usage-projections/recalculate";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid clientId = Guid.NewGuid();
    private readonly Guid backup = Guid.NewGuid();
    private readonly Guid tickets = Guid.NewGuid();
    private readonly Guid seats = Guid.NewGuid();

    [Fact]
    public async Task Final_observations_store_their_errors_and_a_rebuild_or_the_pass_stores_the_same()
    {
        // January 2025 (from its first ten days, 84: linear 260.4 against 246) and February 2025 (68: linear 190.4
        // against 216); ten days hold every weekday, so day-of-week is exact. An idle month of Tickets, a month of
        // Seats whose series has three days, too few to project from ten, and a March of Seats (max, a level: only the
        // level method) at 5 through its first ten days and 8 at the end: |5 − 8| / 8 = 37.5 %.
        await PublishAsync(Weekly(backup, "sum", 2025, 1, version: 1));
        await PublishAsync(Weekly(backup, "sum", 2025, 2, version: 1));
        await PublishAsync(Final(tickets, "count", 2025, 2, 1, [.. Enumerable.Repeat(0m, 28)], 0m));
        await PublishAsync(Final(seats, "max", 2025, 2, 1, [5m, 5m, 5m], 5m));
        await PublishAsync(Final(seats, "max", 2025, 3, 1, [.. Enumerable.Repeat(5m, 30), 8m], 8m));

        var stored = await StoredErrorsAsync();
        stored.ShouldBe(
        [
            (backup, 1, 10, (decimal?)5.853658536585m, (decimal?)0m, (decimal?)null, false), // 14.4 / 246 = 5.8536585365853…%
            (backup, 2, 10, 11.851851851852m, 0m, null, false), // 25.6 / 216 = 11.8518518518518…%
            (seats, 2, 10, null, null, null, false),
            (seats, 3, 10, null, null, 37.5m, false),
            (tickets, 2, 10, null, null, null, true),
        ]);
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);
        (await BacktestAsync(http)).ShouldBe(
        [
            new BacktestItemDto("sum", 2, 0, 8.852755m, 0.0m, null, "day-of-week", 0.0m), // (5.853658536585 + 11.851851851852) / 2
            new BacktestItemDto("count", 0, 1, null, null, null, "level", null),
            new BacktestItemDto("max", 1, 0, null, null, 37.5m, "level", 37.5m),
        ]);

        // A corrected January (version 2) billed 260.4: linear is exact, day-of-week's 246 is 14.4 / 260.4 = 5.5299…% off.
        await PublishAsync(Weekly(backup, "sum", 2025, 1, version: 2) with { Usage = 260.4m });
        await PublishAsync(Weekly(backup, "sum", 2025, 2, version: 1) with { Usage = 1m });
        var corrected = await StoredErrorsAsync();
        corrected[0].ShouldBe((backup, 1, 10, (decimal?)0m, (decimal?)5.529953917051m, (decimal?)null, false));
        corrected.Skip(1).ShouldBe(stored.Skip(1), "February's older version 1 again changes nothing");
        (await BacktestAsync(http))[0].ShouldBe(new BacktestItemDto("sum", 2, 0, 5.925926m, 2.764977m, null, "day-of-week", 2.764977m),
            "(0 + 11.851851851852) / 2 = 5.925926; (5.529953917051 + 0) / 2 = 2.764977");

        using var admin = fixture.Host.ClientFor(orgId, Roles.Admin);
        (await Rebuilds.RunAsync(admin)).Status.ShouldBe("completed");
        (await StoredErrorsAsync()).ShouldBe(corrected, "replaying the log stores the same errors");

        await using (var connection = new NpgsqlConnection(fixture.Host.DatabaseConnectionString))
        {
            await connection.ExecuteAsync("DELETE FROM usage_backtest_errors WHERE org_id = @orgId", new { orgId });
        }
        (await BacktestAsync(http)).ShouldBeEmpty("the backtest is the stored errors");
        await fixture.Host.Services.GetRequiredService<UsageProjectionScheduler>().RecalculateAllAsync(default);
        (await StoredErrorsAsync()).ShouldBe(corrected, "the pass computes the periods that have no errors");

        await PublishAsync(new BucketRemoved(orgId, backup, DateTimeOffset.UtcNow));
        (await StoredErrorsAsync()).Select(row => row.BucketId).ShouldBe([seats, seats, tickets],
            "a removed bucket's go with it");
        (await BacktestAsync(http)).Select(item => item.Aggregation).ShouldBe(["count", "max"]);
    }

    [Fact]
    public async Task A_recalculation_asked_for_by_an_admin_computes_missing_errors_projects_and_is_audited()
    {
        await PublishAsync(Weekly(backup, "sum", 2025, 1, version: 1));
        var march = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await PublishAsync(new BucketUsageObserved(orgId, tickets, 1, clientId, "Alpha Dental", "Tickets", "ticket",
            "count", true, 500m, 250m, 1m, "AUD", 2026, 3, march, march.AddMonths(1), march.AddDays(3.5), 65m,
            [10m, 30m, 60m], false));
        await using var connection = new NpgsqlConnection(fixture.Host.DatabaseConnectionString);
        await connection.ExecuteAsync("DELETE FROM usage_backtest_errors WHERE org_id = @orgId", new { orgId });
        using var finance = fixture.Host.ClientFor(orgId, Roles.Finance);
        using var scoped = fixture.Host.ClientFor(orgId, Roles.Admin, clientScope: clientId);
        using var admin = fixture.Host.ClientFor(orgId, Roles.Admin);

        using (var refused = await finance.PostAsync(Recalculate, null))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
        using (var refused = await scoped.PostAsync(Recalculate, null))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
        using var response = await admin.PostAsync(Recalculate, null);
        var done = await response.ShouldBeJsonAsync<RecalculationDto>(HttpStatusCode.OK);

        (done.Projected, done.BacktestPeriodsComputed).ShouldBe((1, 1), "Tickets' March; Backup GB's January");
        done.ElapsedMilliseconds.ShouldBeGreaterThanOrEqualTo(0);
        (await StoredErrorsAsync()).ShouldBe(
            [(backup, 1, 10, (decimal?)5.853658536585m, (decimal?)0m, (decimal?)null, false)]);
        (await connection.QuerySingleAsync<(string, string, string)>("""
            SELECT record_id, new_values->>'projected', new_values->>'backtestPeriodsComputed' FROM audit_log
            WHERE org_id = @orgId AND action = 'recalculate' AND table_name = 'usage_projections'
            """, new { orgId })).ShouldBe((orgId.ToString(), "1", "1"));
    }

    [Fact]
    public async Task A_recalculation_of_many_buckets_at_once_gives_each_bucket_its_projection_of_its_own()
    {
        // 500 buckets of 100 clients: every aggregation, two currencies, commits and prices varying, observed from a
        // few hours to 20 days into March 2026; every sum bucket also has a finalized weekly February, so sums are
        // projected by day of week and the levels (count, max, avg, last) at the level seen so far.
        var random = new Random(18);
        var current = Enumerable.Range(0, 500).Select(index => CurrentPeriod(index, random)).ToList();
        var finalized = current.Where(bucket => bucket.Aggregation == "sum")
            .Select(bucket => Weekly(bucket.BucketId, "sum", 2026, 2, version: 1)).ToList();
        var services = fixture.Host.Services;
        var applier = services.GetRequiredService<BucketUsageObservedApplier>();
        var calculator = services.GetRequiredService<projection::BillingOne.Projection.Projections.UsageProjectionCalculator>();
        await InTransactionAsync(async transaction =>
        {
            foreach (var observed in finalized.Concat(current))
            {
                await applier.ApplyAsync(transaction, observed, default);
            }
            (await calculator.ChooseMethodsAsync(transaction, orgId, null, default)).ShouldBe(["sum"]);
            foreach (var bucket in current)
            {
                (await calculator.ProjectAsync(transaction, orgId, bucket.BucketId, null, default)).ShouldBe(1);
            }
        });
        var oneByOne = await ProjectedAsync();

        await InTransactionAsync(async transaction =>
        {
            await transaction.Connection!.ExecuteAsync("""
                UPDATE bucket_usage_observations
                SET projected_usage = NULL, projected_cost = NULL, percent_of_commit = NULL, status = NULL, method = NULL,
                    calculated_at = NULL
                WHERE org_id = @orgId
                """, new { orgId }, transaction);
            (await calculator.RecalculateAsync(transaction, orgId, default))
                .ShouldBe(new projection::BillingOne.Projection.Projections.UsageRecalculation(500, 0));
        });
        var together = await ProjectedAsync();

        together.ShouldBe(oneByOne);
        var expected = current.ToDictionary(bucket => bucket.BucketId, Expected);
        oneByOne.Count.ShouldBe(500);
        oneByOne.ShouldAllBe(row => row == expected[row.BucketId]);
        oneByOne.Count(row => row.Method == "day-of-week").ShouldBe(100);
        oneByOne.Select(row => row.Status).Distinct().Order().ShouldBe(["on-track", "over-commit"]);
    }

    private static ProjectedRow Expected(BucketUsageObserved observed)
    {
        var method = observed.Aggregation == "sum"
            ? projection::BillingOne.Projection.Domain.UsageProjectionMethods.DayOfWeek
            : projection::BillingOne.Projection.Domain.UsageProjectionMethods.Level;
        var projected = projection::BillingOne.Projection.Domain.BucketProjection.Calculate(method,
            new projection::BillingOne.Projection.Domain.UsageSoFar(observed.Aggregation, observed.Year, observed.Month,
                observed.Usage, observed.DailyUsage,
                projection::BillingOne.Projection.Domain.UsageSoFar.Elapsed(observed.PeriodStart, observed.PeriodEnd,
                    observed.ObservedAt)),
            new projection::BillingOne.Projection.Domain.BucketTerms(observed.CommitUnits, observed.BasePrice,
                observed.OveragePrice, observed.Currency));
        return new ProjectedRow(observed.BucketId, projected.ProjectedUsage, projected.Cost.Cost,
            projected.Cost.PercentOfCommit, projected.Cost.Status, projected.Method);
    }

    private BucketUsageObserved CurrentPeriod(int index, Random random)
    {
        string[] aggregations = ["sum", "count", "max", "avg", "last"];
        var aggregation = aggregations[index % aggregations.Length];
        var days = random.Next(0, 21);
        var daily = new decimal[days];
        var total = 0m;
        for (var day = 0; day < days; day++)
        {
            total = UsageOf(aggregation, total, random);
            daily[day] = total;
        }
        var usage = UsageOf(aggregation, total, random);
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        return new BucketUsageObserved(orgId, Guid.NewGuid(), 1, Guid.NewGuid(), $"Client {index / 5}", $"Bucket {index}",
            "unit-" + aggregation, aggregation, true, random.Next(0, 400), random.Next(10, 500) + 0.5m,
            random.Next(0, 8) * 0.125m, index % 3 == 0 ? "USD" : "AUD", 2026, 3, start, start.AddMonths(1),
            start.AddDays(days).AddHours(random.Next(1, 24)), usage, daily, false);
    }

    /// <summary>Sums and counts grow by up to 20 a day; levels move around 50.</summary>
    private static decimal UsageOf(string aggregation, decimal total, Random random) => aggregation is "sum" or "count"
        ? total + random.Next(0, 2000) / 100m
        : 30m + random.Next(0, 4000) / 100m;

    private BucketUsageObserved Weekly(Guid bucketId, string aggregation, int year, int month, long version)
    {
        var total = 0m;
        decimal[] daily = [.. Enumerable.Range(1, DateTime.DaysInMonth(year, month))
            .Select(day => total += new DateOnly(year, month, day).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 2m : 10m)];
        return Final(bucketId, aggregation, year, month, version, daily, daily[^1]);
    }

    private BucketUsageObserved Final(Guid bucketId, string aggregation, int year, int month, long version,
        decimal[] daily, decimal usage)
    {
        var start = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
        return new BucketUsageObserved(orgId, bucketId, version, clientId, "Alpha Dental", "Bucket", "unit", aggregation,
            true, 200m, 100m, 0.125m, "AUD", year, month, start, start.AddMonths(1), start.AddMonths(1), usage, daily, true);
    }

    private async Task<List<(Guid BucketId, int Month, int Days, decimal? Linear, decimal? DayOfWeek, decimal? Level,
        bool ZeroActual)>> StoredErrorsAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.Host.DatabaseConnectionString);
        var rows = await connection.QueryAsync<(Guid, int, int, decimal?, decimal?, decimal?, bool)>("""
            SELECT bucket_id, month, days, linear_error, day_of_week_error, level_error, zero_actual
            FROM usage_backtest_errors WHERE org_id = @orgId
            """, new { orgId });
        // Ordered here: the bucket ids are random, the expected lists name them.
        Guid[] order = [backup, seats, tickets];
        return [.. rows.OrderBy(row => Array.IndexOf(order, row.Item1)).ThenBy(row => row.Item2)];
    }

    private static async Task<List<BacktestItemDto>> BacktestAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<BacktestDto>("/api/projection/usage-projections/backtest", Json))!.Items;

    private async Task<List<ProjectedRow>> ProjectedAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.Host.DatabaseConnectionString);
        return [.. await connection.QueryAsync<ProjectedRow>("""
            SELECT bucket_id AS BucketId, projected_usage AS ProjectedUsage, projected_cost AS ProjectedCost,
                   percent_of_commit AS PercentOfCommit, status AS Status, method AS Method
            FROM bucket_usage_observations WHERE org_id = @orgId AND NOT final ORDER BY bucket_id
            """, new { orgId })];
    }

    private async Task InTransactionAsync(Func<NpgsqlTransaction, Task> work)
    {
        await using var connection = await fixture.Host.ServiceDataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await work(transaction);
        await transaction.CommitAsync();
    }

    private Task PublishAsync<T>(T message) where T : class => fixture.Host.PublishAndWaitAsync(message);

    private sealed record RecalculationDto(int Projected, int BacktestPeriodsComputed, long ElapsedMilliseconds);

    private sealed record ProjectedRow(Guid BucketId, decimal ProjectedUsage, decimal ProjectedCost,
        decimal? PercentOfCommit, string Status, string Method);

    private sealed record BacktestItemDto(string Aggregation, int PeriodsScored, int PeriodsWithZeroActual,
        decimal? LinearMape, decimal? DayOfWeekMape, decimal? LevelMape, string ChosenMethod, decimal? ChosenMape);

    private sealed record BacktestDto(int Days, List<BacktestItemDto> Items);
}

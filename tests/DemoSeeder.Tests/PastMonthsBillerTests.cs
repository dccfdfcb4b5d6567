using System.Text.RegularExpressions;
using BillingOne.DemoSeeder.DemoData;
using BillingOne.DemoSeeder.Gateway;
using BillingOne.DemoSeeder.Seeding;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingOne.DemoSeeder.Tests;

/// <summary>
/// Billing the three months before the current one against <see cref="StubGateway"/>: the order of the runs, the
/// finalization and the late reading, and what months final already, runs in progress and failed runs do.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class PastMonthsBillerTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 3, 15);
    private const string Oldest = "2025-12";
    private const string Middle = "2026-01";
    private const string Newest = "2026-02";

    private readonly StubGateway _gateway = new();
    private readonly HttpClient _http;
    private readonly GatewayApi _api;
    private string? _ingestKey;

    public PastMonthsBillerTests()
    {
        _http = new HttpClient { BaseAddress = _gateway.Url };
        _api = new GatewayApi(_http, StubGateway.AdminApiKey, TestTimings.Quick, TimeProvider.System);
        _gateway.AddExistingUnitType(DemoCatalog.BackupStorage.Key);
    }

    public void Dispose()
    {
        _http.Dispose();
        _gateway.Dispose();
    }

    private async Task<BillingTally> BillAsync()
    {
        _ingestKey ??= (await _api.CreateApiKeyAsync(DemoCatalog.OrganizationIngestKey.Name, "ingest", null,
            CancellationToken.None)).Key;
        var uploader = new ReadingUploader(_api, TestTimings.Quick, TimeProvider.System, NullLogger.Instance);
        return await new PastMonthsBiller(_api, uploader, TestTimings.Quick, TimeProvider.System, NullLogger.Instance)
            .BillAsync(_ingestKey, Today, CancellationToken.None);
    }

    [Fact]
    public async Task Bills_oldest_first_finalizes_the_oldest_and_sends_its_late_reading_before_billing_the_next_months()
    {
        var tally = await BillAsync();

        BillingCalls().ShouldBe(
        [
            "POST /api/metering/billing-runs", "GET /api/metering/billing-runs/{id}", "GET /api/metering/billing-runs/{id}",
            $"POST /api/metering/billing-periods/{Oldest}/finalize",
            "POST /api/ingestion/readings",
            "POST /api/metering/billing-runs", "GET /api/metering/billing-runs/{id}", "GET /api/metering/billing-runs/{id}",
            // Did the run book the late reading?
            "GET /api/metering/billing-periods",
            "POST /api/metering/billing-runs", "GET /api/metering/billing-runs/{id}", "GET /api/metering/billing-runs/{id}",
            // The summary's adjustments.
            "GET /api/metering/billing-periods",
        ]);
        _gateway.BillingRuns.Select(run => run.Period).ShouldBe([Oldest, Middle, Newest]);
        var late = _gateway.IngestBodies().ShouldHaveSingleItem().ShouldHaveSingleItem();
        late["id"]!.GetValue<string>().ShouldBe("demo-late-veeam-bkp-harbourside-srv01-backup-gb-202512");
        late["observedAt"]!.GetValue<DateTimeOffset>().ShouldBe(new DateTimeOffset(2025, 12, 15, 12, 0, 0, TimeSpan.Zero));

        (tally.PeriodsBilled, tally.PeriodsFinalAlready, tally.Adjustments).ShouldBe((3, 0, 1));
        tally.LateReading.Accepted.ShouldBe(1);
        _gateway.Periods[Oldest].Final.ShouldBeTrue();
        (_gateway.Periods[Middle].Final, _gateway.Periods[Middle].Adjustments).ShouldBe((false, 1));
        (_gateway.Periods[Newest].Final, _gateway.Periods[Newest].Adjustments).ShouldBe((false, 0));
        // The current month stays open.
        _gateway.Periods.Keys.ShouldBe([Oldest, Middle, Newest], ignoreOrder: true);
    }

    [Fact]
    public async Task A_re_run_skips_the_months_final_by_then_and_sends_the_late_reading_as_a_duplicate()
    {
        await BillAsync();
        // The scheduler finalized the middle month since: its grace period is over.
        _gateway.Periods[Middle].Final = true;

        var tally = await BillAsync();

        (tally.PeriodsBilled, tally.PeriodsFinalAlready).ShouldBe((1, 2));
        (tally.LateReading.Accepted, tally.LateReading.Duplicates).ShouldBe((0, 1));
        _gateway.BillingRuns.Select(run => run.Period).ShouldBe([Oldest, Middle, Newest, Newest]);
        _gateway.Periods[Middle].Adjustments.ShouldBe(1);
        _gateway.Periods[Newest].Adjustments.ShouldBe(0);
    }

    [Fact]
    public async Task Waits_for_a_run_of_the_month_in_progress_instead_of_starting_one()
    {
        _gateway.AddActiveRun(Oldest);

        var tally = await BillAsync();

        _gateway.BillingRuns.Where(run => run.Period == Oldest).ShouldHaveSingleItem().RequestedBySeeder.ShouldBeFalse();
        _gateway.BillingRuns.ShouldAllBe(run => run.Status == "completed");
        _gateway.Periods[Oldest].Final.ShouldBeTrue();
        (tally.PeriodsBilled, tally.Adjustments).ShouldBe((3, 1));
    }

    [Fact]
    public async Task Months_the_scheduler_finalized_first_count_as_finalized()
    {
        _gateway.FinalizesOnCompletion = true;

        var tally = await BillAsync();

        _gateway.Periods.Values.ShouldAllBe(period => period.Final);
        _gateway.Periods[Middle].Adjustments.ShouldBe(1);
        (tally.PeriodsBilled, tally.Adjustments).ShouldBe((3, 1));
    }

    [Fact]
    public async Task Bills_the_middle_month_again_until_metering_has_stored_the_late_reading()
    {
        // The oldest month's run and the middle month's first run complete before the late reading reaches metering.
        _gateway.RunsBeforeLateReadingsStored = 2;

        var tally = await BillAsync();

        _gateway.BillingRuns.Select(run => run.Period).ShouldBe([Oldest, Middle, Middle, Newest]);
        _gateway.Periods[Middle].Adjustments.ShouldBe(1);
        tally.Adjustments.ShouldBe(1);
    }

    [Fact]
    public async Task Leaves_the_adjustment_to_the_newest_month_when_the_middle_one_was_finalized_without_it()
    {
        _gateway.FinalizesOnCompletion = true;
        _gateway.RunsBeforeLateReadingsStored = 2;

        var tally = await BillAsync();

        _gateway.BillingRuns.Select(run => run.Period).ShouldBe([Oldest, Middle, Newest]);
        _gateway.Periods[Middle].Adjustments.ShouldBe(0);
        _gateway.Periods[Newest].Adjustments.ShouldBe(1);
        tally.Adjustments.ShouldBe(1);
    }

    [Fact]
    public async Task Fails_naming_the_run_its_month_and_its_error_when_a_run_fails()
    {
        const string error = "The cost of bucket 'b' is beyond what can be calculated for its usage.";
        _gateway.FailRunsOf(Middle, error);

        var failure = await Should.ThrowAsync<SeedingFailedException>(() => BillAsync());

        var failed = _gateway.BillingRuns.Where(run => run.Status == "failed").ShouldHaveSingleItem();
        failure.Message.ShouldBe($"The billing run {failed.Id} of {Middle} failed: {error}");
        _gateway.BillingRuns.ShouldNotContain(run => run.Period == Newest);
    }

    /// <summary>The billing and ingest calls, in order, run ids replaced by <c>{id}</c>.</summary>
    private List<string> BillingCalls() => _gateway.Calls()
        .Where(call => call.Contains("/billing-", StringComparison.Ordinal) || call.Contains("/ingestion/", StringComparison.Ordinal))
        .Select(call => RunId().Replace(call, "{id}"))
        .ToList();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex RunId();
}

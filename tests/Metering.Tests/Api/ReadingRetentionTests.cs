extern alias metering;

using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Tests.Api;

[Trait("Category", "Integration")]
public sealed class ReadingRetentionTests(MeteringApiFixture fixture) : IClassFixture<MeteringApiFixture>
{
    private const string Retention = "/api/metering/reading-retention";
    private const string ArchiveRuns = "/api/metering/reading-retention/archive-runs";
    private const string UnitType = "backup-gb";

    // Partitions hold every organization's readings of a month: each test uses months of its own.
    private readonly Guid orgId = Guid.NewGuid();
    private readonly MeteringTestData data = new(fixture.DatabaseConnectionString);

    private HttpClient Admin => fixture.CreateClient(TestTokens.For(orgId, Roles.Admin));

    [Fact]
    public async Task Months_past_every_organizations_retention_are_detached_as_archives_and_recent_readings_read_the_same()
    {
        var asset = await data.AssetAsync(null, "srv-archive", [UnitType], orgId: orgId);
        await data.ReadingAsync(asset, UnitType, 5m, At(2021, 3, 10), orgId);
        await data.ReadingAsync(asset, UnitType, 6m, At(2021, 4, 10), orgId);
        await data.ReadingAsync(asset, UnitType, 7m, At(2021, 5, 10), orgId);
        var recent = DateTimeOffset.UtcNow.AddDays(-3);
        await data.ReadingAsync(asset, UnitType, 11m, recent, orgId);
        await data.ReadingAsync(asset, UnitType, 13m, recent.AddMonths(-1), orgId);
        // Another organization keeps every month: May 2021, where it has readings too, stays.
        var otherOrg = Guid.NewGuid();
        var otherAsset = await data.AssetAsync(null, "srv-other", [UnitType], orgId: otherOrg);
        await data.ReadingAsync(otherAsset, UnitType, 1m, At(2021, 5, 20), otherOrg);
        var recentBefore = await RecentSumAsync(recent.AddMonths(-2));

        using var admin = Admin;
        (await (await admin.PutAsJsonAsync(Retention, new { keepMonths = 14, dropArchivedAfterMonths = (int?)null }))
            .ShouldBeJsonAsync<RetentionDto>(HttpStatusCode.OK)).ShouldBe(new RetentionDto(14, null));
        var pass = await (await admin.PostAsync(ArchiveRuns, null)).ShouldBeJsonAsync<ArchivePassDto>(HttpStatusCode.OK);

        pass.Archived.ShouldBe([new ArchivedMonthDto("2021-03", "raw_readings_archived_2021_03"),
            new ArchivedMonthDto("2021-04", "raw_readings_archived_2021_04")]);
        pass.Dropped.ShouldBeEmpty();
        await using var connection = await fixture.OpenDatabaseAsync();
        var partitions = (await connection.QueryAsync<string>("""
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'raw_readings'::regclass
            """)).ToList();
        partitions.ShouldNotContain("raw_readings_2021_03");
        partitions.ShouldNotContain("raw_readings_2021_04");
        partitions.ShouldContain("raw_readings_2021_05");
        (await connection.QueryAsync<decimal>(
            "SELECT quantity FROM raw_readings_archived_2021_03 WHERE org_id = @orgId", new { orgId })).ShouldBe([5m]);
        (await connection.QueryAsync<decimal>("""
            SELECT quantity FROM raw_readings WHERE org_id = @orgId AND observed_at < '2022-01-01' ORDER BY observed_at
            """, new { orgId })).ShouldBe([7m]);
        (await RecentSumAsync(recent.AddMonths(-2))).ShouldBe(recentBefore);
        (await connection.QueryAsync<string>("""
            SELECT record_id FROM audit_log WHERE org_id = @orgId AND action = 'archive' AND table_name = 'raw_readings'
            ORDER BY record_id
            """, new { orgId })).ShouldBe(["2021-03", "2021-04"]);
        // A reading of an archived month can no longer be stored beside its archived copy.
        var refused = await Should.ThrowAsync<PostgresException>(() =>
            data.ReadingAsync(asset, UnitType, 5m, At(2021, 3, 10), orgId));
        refused.MessageText.ShouldContain("archived");
    }

    [Fact]
    public async Task A_month_beside_a_billing_period_that_is_not_final_is_never_detached()
    {
        var asset = await data.AssetAsync(null, "srv-open", [UnitType], orgId: orgId);
        await data.ReadingAsync(asset, UnitType, 5m, At(2021, 8, 10), orgId);
        using var admin = Admin;
        (await admin.PutAsJsonAsync(Retention, new { keepMonths = 14 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        // September 2021's lines are drafts: a client east of UTC has part of that period in August.
        var lineId = await DraftLineAsync(2021, 9);

        var whileDraft = await (await admin.PostAsync(ArchiveRuns, null))
            .ShouldBeJsonAsync<ArchivePassDto>(HttpStatusCode.OK);
        await using (var connection = await fixture.OpenDatabaseAsync())
        {
            await connection.ExecuteAsync(
                "UPDATE billing_readings SET status = 'final', finalized_at = now() WHERE org_id = @orgId AND id = @lineId",
                new { orgId, lineId });
        }
        var onceFinal = await (await admin.PostAsync(ArchiveRuns, null))
            .ShouldBeJsonAsync<ArchivePassDto>(HttpStatusCode.OK);

        whileDraft.Archived.ShouldBeEmpty();
        onceFinal.Archived.Select(month => month.Month).ShouldBe(["2021-08"]);
    }

    [Fact]
    public async Task An_archive_is_dropped_once_the_second_setting_allows_it()
    {
        var asset = await data.AssetAsync(null, "srv-drop", [UnitType], orgId: orgId);
        await data.ReadingAsync(asset, UnitType, 5m, At(2021, 11, 10), orgId);
        using var admin = Admin;
        (await admin.PutAsJsonAsync(Retention, new { keepMonths = 14, dropArchivedAfterMonths = 1 }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var archived = await (await admin.PostAsync(ArchiveRuns, null)).ShouldBeJsonAsync<ArchivePassDto>(HttpStatusCode.OK);
        await using var connection = await fixture.OpenDatabaseAsync();
        await connection.ExecuteAsync(
            "UPDATE raw_reading_archives SET archived_at = archived_at - interval '2 months' WHERE month = '2021-11-01'");
        var dropped = await (await admin.PostAsync(ArchiveRuns, null)).ShouldBeJsonAsync<ArchivePassDto>(HttpStatusCode.OK);

        archived.Archived.Select(month => month.Month).ShouldBe(["2021-11"]);
        archived.Dropped.ShouldBeEmpty();
        dropped.Dropped.ShouldBe([new ArchivedMonthDto("2021-11", "raw_readings_archived_2021_11")]);
        (await connection.ExecuteScalarAsync<string?>("SELECT to_regclass('raw_readings_archived_2021_11')::text"))
            .ShouldBeNull();
    }

    [Theory]
    [InlineData(13, null, "keepMonths")]
    [InlineData(1201, null, "keepMonths")]
    [InlineData(null, 3, "dropArchivedAfterMonths")]
    [InlineData(24, 0, "dropArchivedAfterMonths")]
    public async Task An_invalid_retention_is_a_validation_problem_naming_the_field(int? keepMonths,
        int? dropArchivedAfterMonths, string field)
    {
        using var admin = Admin;

        var response = await admin.PutAsJsonAsync(Retention, new { keepMonths, dropArchivedAfterMonths });

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe([field]);
        (await (await admin.GetAsync(Retention)).ShouldBeJsonAsync<RetentionDto>(HttpStatusCode.OK))
            .ShouldBe(new RetentionDto(null, null));
    }

    [Fact]
    public async Task Only_admins_change_the_retention_or_run_the_archive()
    {
        using var finance = fixture.CreateClient(TestTokens.For(orgId, Roles.Finance));

        await (await finance.PutAsJsonAsync(Retention, new { keepMonths = 14 })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await finance.PostAsync(ArchiveRuns, null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await (await finance.GetAsync(Retention)).ShouldBeJsonAsync<RetentionDto>(HttpStatusCode.OK))
            .ShouldBe(new RetentionDto(null, null));
    }

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 12, 0, 0, TimeSpan.Zero);

    private async Task<decimal> RecentSumAsync(DateTimeOffset since)
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        return await connection.ExecuteScalarAsync<decimal>(
            "SELECT sum(quantity) FROM raw_readings WHERE org_id = @orgId AND observed_at >= @since",
            new { orgId, since = since.UtcDateTime });
    }

    /// <summary>A completed run's draft line for the month, as a billing run leaves it before finalization.</summary>
    private async Task<Guid> DraftLineAsync(int year, int month)
    {
        var (runId, lineId) = (Guid.NewGuid(), Guid.NewGuid());
        var start = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc);
        await using var connection = await fixture.OpenDatabaseAsync();
        await connection.ExecuteAsync("""
            INSERT INTO billing_runs (org_id, id, period_year, period_month, status, requested_at)
            VALUES (@orgId, @runId, @year, @month, 'completed', now());
            INSERT INTO billing_readings (org_id, id, run_id, client_id, bucket_id, period_year, period_month,
                period_start, period_end, usage, commit_units, base, overage_units, overage, buffer_units, buffer, cost,
                currency, status, computed_at, bucket_name, unit_type_key, aggregation, base_price, overage_price)
            VALUES (@orgId, @lineId, @runId, @clientId, @bucketId, @year, @month, @start, @end, 5, 10, 100, 0, 0, 5, 50,
                100, 'USD', 'draft', now(), 'Backup', @UnitType, 'sum', 100, 2)
            """, new
        {
            orgId, runId, lineId, clientId = Guid.NewGuid(), bucketId = Guid.NewGuid(), year, month, start,
            end = start.AddMonths(1), UnitType,
        });
        return lineId;
    }

    private sealed record RetentionDto(int? KeepMonths, int? DropArchivedAfterMonths);

    private sealed record ArchivedMonthDto(string Month, string Table);

    private sealed record ArchivePassDto(List<ArchivedMonthDto> Archived, List<ArchivedMonthDto> Dropped);
}

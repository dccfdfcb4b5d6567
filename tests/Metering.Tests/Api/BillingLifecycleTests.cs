using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Tests.Api;

public sealed record MoneyAmountDto(string Currency, decimal Amount);

public sealed record BillingPeriodDto(string Period, int Clients, int Buckets, int Adjustments,
    List<MoneyAmountDto> Totals, string Status, DateTimeOffset? FinalizedAt);

public sealed record ClientBillingDto(Guid ClientId, string? ClientName, DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd, int Buckets, int Adjustments, List<MoneyAmountDto> Totals, string Status);

public sealed record BillingHistoryDto(Guid BucketId, string Currency, List<BillingHistoryMonthDto> Periods);

public sealed record BillingHistoryMonthDto(string Period, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd,
    decimal Usage, decimal CommitUnits, decimal Cost, decimal Overage, decimal OverageUnits, decimal Buffer,
    decimal BufferUnits, decimal AdjustmentCost, string Currency, string Status);

/// <summary>
/// A Sydney client's January and February 2026 from ingest to export, every amount worked out by hand: readings go
/// through the consumer (as ingestion delivers them), January is run twice, finalized, then a late January reading
/// arrives and February's run books it as an adjustment. The fixture's clock stands at 15 March 2026.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BillingLifecycleTests(FixedClockMeteringFixture fixture)
    : IClassFixture<FixedClockMeteringFixture>, IDisposable
{
    private const string Runs = BillingRequests.Runs;
    private const string Periods = BillingRequests.Periods;
    private const string Readings = BillingRequests.Readings;

    // Sydney is UTC+11 in January and February (AEDT).
    private static readonly DateTimeOffset JanuaryStart = new(2025, 12, 31, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FebruaryStart = new(2026, 1, 31, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset MarchStart = new(2026, 2, 28, 13, 0, 0, TimeSpan.Zero);

    private readonly Guid orgId = Guid.NewGuid();
    private readonly MeteringTestData data = fixture.Data;
    private HttpClient? adminClient;

    private HttpClient Admin => adminClient ??= fixture.CreateClient(TestTokens.For(orgId, Roles.Admin));

    [Fact]
    public async Task Ingest_run_finalize_late_reading_next_run_and_export_bill_what_was_worked_out_by_hand()
    {
        var scene = await SceneAsync();
        await IngestAsync(FixedClockMeteringFixture.Now,
            ("pc-1", "agent", "backup-gb", 60m, new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero)),
            ("pc-1", "agent", "backup-gb", 55.5m, new DateTimeOffset(2026, 1, 20, 0, 0, 0, TimeSpan.Zero)),
            // On February's first instant in Sydney: February's, not January's.
            ("pc-1", "agent", "backup-gb", 80m, FebruaryStart),
            ("dev-1", "ninja", "devices", 1m, new DateTimeOffset(2026, 2, 3, 0, 0, 0, TimeSpan.Zero)),
            ("dev-2", "ninja", "devices", 1m, new DateTimeOffset(2026, 2, 4, 0, 0, 0, TimeSpan.Zero)),
            ("dev-2", "ninja", "devices", 1m, new DateTimeOffset(2026, 2, 5, 0, 0, 0, TimeSpan.Zero)));

        // January: backup 115.5 GB against 100 → 15.5 × 6.00 = 93.00 overage, 593.00; no device reported.
        var january = await Admin.RunBillingToEndAsync(2026, 1);
        var januaryLines = await Admin.BillingLinesAsync("2026-01");
        Line(januaryLines, scene.Backup).ShouldBe((115.5m, 500.00m, 15.5m, 93.00m, 0m, 0.00m, 593.00m));
        Line(januaryLines, scene.Devices).ShouldBe((0m, 0.00m, 0m, 0.00m, 0m, 0.00m, 0.00m));
        januaryLines.ShouldAllBe(line => line.RunId == january.Id && line.Status == "draft");

        // Run again before finalization: the same lines, replaced rather than added.
        var again = await Admin.RunBillingToEndAsync(2026, 1);
        var rerun = await Admin.BillingLinesAsync("2026-01");
        rerun.Select(line => line with { Id = Guid.Empty, RunId = january.Id })
            .ShouldBe(januaryLines.Select(line => line with { Id = Guid.Empty }));
        rerun.ShouldAllBe(line => line.RunId == again.Id);

        var finalized = await Admin.PostAsync($"{Periods}/2026-01/finalize", null);
        (await finalized.ShouldBeJsonAsync<FinalizedDto>(HttpStatusCode.OK))
            .ShouldBe(new FinalizedDto("2026-01", 2, FixedClockMeteringFixture.Now));
        await (await Admin.PostAsync($"{Periods}/2026-01/finalize", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await Admin.PostAsJsonAsync(Runs, new { year = 2026, month = 1 }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var published = (await data.OutboxEventsAsync("BillingPeriodFinalized", orgId)).ShouldHaveSingleItem();
        published.GetProperty("month").GetInt32().ShouldBe(1);
        var total = published.GetProperty("clients").EnumerateArray().ShouldHaveSingleItem();
        (total.GetProperty("clientId").GetGuid(), total.GetProperty("currency").GetString(),
            total.GetProperty("amount").GetDecimal(), total.GetProperty("lines").GetInt32())
            .ShouldBe((scene.Client, "AUD", 593.00m, 2));
        // And per client, the lines a draft invoice is made of: one per bucket, base and overage apart.
        var billed = (await data.OutboxEventsAsync("ClientBillingFinalized", orgId)).ShouldHaveSingleItem();
        (billed.GetProperty("clientId").GetGuid(), billed.GetProperty("year").GetInt32(), billed.GetProperty("month").GetInt32(),
            billed.GetProperty("currency").GetString(), billed.GetProperty("amount").GetDecimal())
            .ShouldBe((scene.Client, 2026, 1, "AUD", 593.00m));
        billed.GetProperty("lines").EnumerateArray()
            .Select(line => (line.GetProperty("bucketId").GetGuid(), line.GetProperty("kind").GetString(),
                line.GetProperty("usage").GetDecimal(), line.GetProperty("base").GetDecimal(),
                line.GetProperty("overage").GetDecimal(), line.GetProperty("cost").GetDecimal()))
            .ShouldBe([(scene.Backup, "reading", 115.5m, 500.00m, 93.00m, 593.00m), (scene.Devices, "reading", 0m, 0.00m, 0.00m, 0.00m)],
                ignoreOrder: true);
        billed.GetProperty("lines").EnumerateArray().Single(line => line.GetProperty("bucketId").GetGuid() == scene.Backup)
            .GetProperty("billingType").GetString().ShouldBe("backup-gb");

        // Two days later a January reading arrives: late, after finalization.
        fixture.Clock.Advance(TimeSpan.FromDays(2));
        await IngestAsync(fixture.Clock.GetUtcNow(),
            ("pc-1", "agent", "backup-gb", 10m, new DateTimeOffset(2026, 1, 25, 0, 0, 0, TimeSpan.Zero)));
        (await Admin.BillingLinesAsync("2026-01")).ShouldAllBe(line => line.Status == "final" && line.Kind == "reading");
        Line(await Admin.BillingLinesAsync("2026-01"), scene.Backup).Cost.ShouldBe(593.00m);

        // February: backup 80 of 100 → 500.00 with 20 units' buffer = 100.00; devices: two reported → 2 × 4.00;
        // and January's adjustment: 10 more units, all overage → +60.00.
        var february = await Admin.RunBillingToEndAsync(2026, 2);
        february.Status.ShouldBe("completed");
        var februaryLines = await Admin.BillingLinesAsync("2026-02");
        februaryLines.Count.ShouldBe(3);
        Line(februaryLines, scene.Backup).ShouldBe((80m, 500.00m, 0m, 0.00m, 20m, 100.00m, 500.00m));
        Line(februaryLines, scene.Devices).ShouldBe((2m, 0.00m, 2m, 8.00m, 0m, 0.00m, 8.00m));
        var adjustment = februaryLines.Single(line => line.Kind == "adjustment");
        (adjustment.BucketId, adjustment.OriginalPeriod, adjustment.PeriodStart, adjustment.PeriodEnd)
            .ShouldBe((scene.Backup, "2026-01", FebruaryStart, MarchStart));
        (adjustment.Usage, adjustment.Base, adjustment.OverageUnits, adjustment.Overage, adjustment.Cost)
            .ShouldBe((10m, 0.00m, 10m, 60.00m, 60.00m));
        var audit = (await fixture.AuditEntriesAsync("billing_readings", adjustment.Id)).ShouldHaveSingleItem();
        audit.NewValues!.ShouldContain("\"originalPeriod\": \"2026-01\"");

        var completed = (await data.OutboxEventsAsync("BillingRunCompleted", orgId))
            .Single(message => message.GetProperty("runId").GetGuid() == february.Id);
        (completed.GetProperty("readings").GetInt32(), completed.GetProperty("adjustments").GetInt32(),
            completed.GetProperty("trigger").GetString()).ShouldBe((2, 1, "manual"));
        var februaryTotal = completed.GetProperty("clients").EnumerateArray().ShouldHaveSingleItem();
        (februaryTotal.GetProperty("amount").GetDecimal(), februaryTotal.GetProperty("lines").GetInt32())
            .ShouldBe((568.00m, 3));

        // A second February run books the adjustment once, not twice.
        await Admin.RunBillingToEndAsync(2026, 2);
        (await Admin.BillingLinesAsync("2026-02")).Count(line => line.Kind == "adjustment").ShouldBe(1);

        var clients = await (await Admin.GetAsync($"{Periods}/2026-02/clients"))
            .ShouldBeJsonAsync<PagedResult<ClientBillingDto>>(HttpStatusCode.OK);
        var client = clients.Items.ShouldHaveSingleItem();
        (client.ClientId, client.ClientName, client.PeriodStart, client.PeriodEnd, client.Buckets, client.Adjustments,
            client.Status).ShouldBe((scene.Client, "Harbour Dental", FebruaryStart, MarchStart, 2, 1, "draft"));
        client.Totals.ShouldBe([new MoneyAmountDto("AUD", 568.00m)]);
        var periods = await (await Admin.GetAsync(Periods)).ShouldBeJsonAsync<PagedResult<BillingPeriodDto>>(HttpStatusCode.OK);
        periods.Items.Select(period => (period.Period, period.Buckets, period.Adjustments, period.Totals.Single().Amount,
            period.Status)).ShouldBe([("2026-02", 2, 1, 568.00m, "draft"), ("2026-01", 2, 0, 593.00m, "final")]);
        // From and to keep the months that overlap the days between them, both days included.
        (await (await Admin.GetAsync($"{Periods}?from=2026-02-10&to=2026-03-31"))
            .ShouldBeJsonAsync<PagedResult<BillingPeriodDto>>(HttpStatusCode.OK)).Items.Select(period => period.Period)
            .ShouldBe(["2026-02"]);
        (await (await Admin.GetAsync($"{Periods}?from=2026-01-31&to=2026-02-01"))
            .ShouldBeJsonAsync<PagedResult<BillingPeriodDto>>(HttpStatusCode.OK)).Items.Select(period => period.Period)
            .ShouldBe(["2026-02", "2026-01"]);
        (await (await Admin.GetAsync($"{Periods}?to=2025-12-31"))
            .ShouldBeJsonAsync<PagedResult<BillingPeriodDto>>(HttpStatusCode.OK)).Items.ShouldBeEmpty();
        var history = await (await Admin.GetAsync($"/api/metering/buckets/{scene.Backup}/billing-history"))
            .ShouldBeJsonAsync<BillingHistoryDto>(HttpStatusCode.OK);
        history.Currency.ShouldBe("AUD");
        history.Periods.Select(month => (month.Period, month.Overage, month.Buffer, month.AdjustmentCost))
            .ShouldBe([("2026-01", 93.00m, 0.00m, 60.00m), ("2026-02", 0.00m, 100.00m, 0.00m)]);

        // The export: one CSV per billing type (backup takes any source, devices come from ninja), in a zip.
        var export = await Admin.GetAsync($"{Readings}/export?period=2026-02");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        export.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("billing-readings-2026-02.zip");
        var files = await UnzipAsync(export);
        files.Keys.Order().ShouldBe(["billing-readings-2026-02-any-source.csv", "billing-readings-2026-02-ninja.csv"]);
        var anySource = files["billing-readings-2026-02-any-source.csv"];
        anySource[0].ShouldStartWith("Client ID,Client,Bucket ID,Bucket,Billing Type,Unit Type,Aggregation,Line,Period,");
        anySource.Length.ShouldBe(3);
        anySource[1].ShouldBe($"{scene.Client},Harbour Dental,{scene.Backup},Backup,any-source,backup-gb,sum,reading," +
            "2026-02,,2026-01-31T13:00:00Z,2026-02-28T13:00:00Z,80,100,500.00,0,0.00,20,100.00,500.00,AUD,draft,");
        anySource[2].ShouldBe($"{scene.Client},Harbour Dental,{scene.Backup},Backup,any-source,backup-gb,sum," +
            "adjustment,2026-02,2026-01,2026-01-31T13:00:00Z,2026-02-28T13:00:00Z,10,100,0.00,10,60.00,0,0.00,60.00," +
            "AUD,draft,");
        files["billing-readings-2026-02-ninja.csv"][1].ShouldContain(",Devices,ninja,devices,count,reading,2026-02,");
        // Without a period: the most recently loaded month.
        (await UnzipAsync(await Admin.GetAsync($"{Readings}/export"))).Keys.ShouldAllBe(name => name.Contains("2026-02"));
    }

    [Fact]
    public async Task A_late_reading_corrects_a_finalized_month_over_the_assets_it_billed_not_the_bindings_of_today()
    {
        var client = await data.ClientAsync("Harbour Dental", "Australia/Sydney", orgId: orgId);
        // Storage: the largest reading of each asset, 10 GB for 100.00 AUD and 5.00 per GB above; seats: a sum.
        var storageType = await Admin.CreateUnitTypeAsync("storage-gb", "Storage GB", aggregation: "max",
            basePrice: 100m, overagePrice: 5m, commitUnits: 10m);
        var seatType = await Admin.CreateUnitTypeAsync("seats", "Seats", basePrice: 100m, overagePrice: 5m,
            commitUnits: 10m);
        var nasA = await data.AssetAsync(client, "nas-a", [storageType.Key], orgId: orgId);
        var nasB = await data.AssetAsync(client, "nas-b", [storageType.Key], orgId: orgId);
        var nasC = await data.AssetAsync(client, "nas-c", [storageType.Key], orgId: orgId);
        var desk = await data.AssetAsync(client, "desk", [seatType.Key], orgId: orgId);
        var storage = await Admin.CreateBucketAsync(client, storageType.Id, name: "Storage", commitUnits: 10m);
        var seats = await Admin.CreateBucketAsync(client, seatType.Id, name: "Seats", commitUnits: 10m);
        await Admin.BindAsync(storage.Id, nasA, nasB);
        await Admin.BindAsync(seats.Id, desk);
        var billedAt = fixture.Clock.GetUtcNow();
        await IngestAsync(billedAt,
            ("nas-a", "agent", "storage-gb", 7m, new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero)),
            ("nas-b", "agent", "storage-gb", 9m, new DateTimeOffset(2026, 1, 11, 0, 0, 0, TimeSpan.Zero)),
            // nas-c reports on time but belongs to no bucket yet: January does not bill it.
            ("nas-c", "agent", "storage-gb", 4m, new DateTimeOffset(2026, 1, 12, 0, 0, 0, TimeSpan.Zero)),
            ("desk", "agent", "seats", 5m, new DateTimeOffset(2026, 1, 13, 0, 0, 0, TimeSpan.Zero)));

        // January: storage 7 + 9 = 16 → 100.00 + 6 × 5.00 = 130.00; seats 5 → 100.00.
        await Admin.RunBillingToEndAsync(2026, 1);
        Line(await Admin.BillingLinesAsync("2026-01"), storage.Id).ShouldBe((16m, 100.00m, 6m, 30.00m, 0m, 0.00m, 130.00m));
        (await Admin.PostAsync($"{Periods}/2026-01/finalize", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // After finalization the bindings change: nas-a and the desk are disregarded, nas-c joins the storage bucket,
        // and a new nas-d joins it too. Then late January readings come: nas-b's new maximum and nas-d's only one.
        (await Admin.PostAsync($"/api/metering/assets/{nasA}/disregard", null)).IsSuccessStatusCode.ShouldBeTrue();
        (await Admin.PostAsync($"/api/metering/assets/{desk}/disregard", null)).IsSuccessStatusCode.ShouldBeTrue();
        var nasD = await data.AssetAsync(client, "nas-d", [storageType.Key], orgId: orgId);
        await Admin.BindAsync(storage.Id, nasC, nasD);
        await IngestAsync(billedAt.AddDays(2),
            ("nas-b", "agent", "storage-gb", 12m, new DateTimeOffset(2026, 1, 20, 0, 0, 0, TimeSpan.Zero)),
            ("nas-d", "agent", "storage-gb", 3m, new DateTimeOffset(2026, 1, 21, 0, 0, 0, TimeSpan.Zero)));

        // Storage for January is now nas-a 7 (billed then) + nas-b 12 + nas-d 3 (every reading late) = 22, not the
        // 12 + 4 + 3 that today's bindings would count: 100.00 + 12 × 5.00 = 160.00, so +30.00. Seats had no late
        // reading and stay as billed, although their only asset is disregarded now.
        await Admin.RunBillingToEndAsync(2026, 2);
        var adjustment = (await Admin.BillingLinesAsync("2026-02")).Where(line => line.Kind == "adjustment")
            .ShouldHaveSingleItem();
        (adjustment.BucketId, adjustment.OriginalPeriod).ShouldBe((storage.Id, "2026-01"));
        (adjustment.Usage, adjustment.Base, adjustment.OverageUnits, adjustment.Overage, adjustment.Cost)
            .ShouldBe((6m, 0.00m, 6m, 30.00m, 30.00m));
    }

    [Fact]
    public async Task Final_lines_are_refused_by_the_database_itself_and_a_finalized_month_is_billed_once()
    {
        var scene = await SceneAsync();
        await IngestAsync(FixedClockMeteringFixture.Now,
            ("pc-1", "agent", "backup-gb", 5m, new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero)));
        await Admin.RunBillingToEndAsync(2026, 1);
        (await Admin.PostAsync($"{Periods}/2026-01/finalize", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync();
        var update = await Should.ThrowAsync<PostgresException>(() => connection.ExecuteAsync(
            "UPDATE billing_readings SET cost = 0 WHERE org_id = @orgId", new { orgId }));
        update.SqlState.ShouldBe(PostgresErrorCodes.IntegrityConstraintViolation);
        var delete = await Should.ThrowAsync<PostgresException>(() => connection.ExecuteAsync(
            "DELETE FROM billing_readings WHERE org_id = @orgId", new { orgId }));
        delete.SqlState.ShouldBe(PostgresErrorCodes.IntegrityConstraintViolation);
        (await connection.ExecuteScalarAsync<decimal>(
            "SELECT sum(cost) FROM billing_readings WHERE org_id = @orgId", new { orgId })).ShouldBe(500.00m);
    }

    [Fact]
    public async Task Unknown_periods_clients_and_buckets_are_not_found_and_bad_periods_are_named()
    {
        var scene = await SceneAsync();

        await (await Admin.PostAsync($"{Periods}/2026-01/finalize", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.GetAsync($"{Readings}?period=2026-01&clientId={Guid.NewGuid()}"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.GetAsync($"/api/metering/buckets/{Guid.NewGuid()}/billing-history"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.GetAsync($"{Readings}/export?period=2026-01")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await (await Admin.PostAsync($"{Periods}/2026-1/finalize", null))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe(["period"]);
        (await (await Admin.GetAsync($"{Periods}/january/clients")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ValidationErrors().Keys.ShouldBe(["period"]);
        (await (await Admin.GetAsync($"{Periods}?from=february")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ValidationErrors().Keys.ShouldBe(["from"]);
        (await (await Admin.GetAsync($"{Periods}?from=2026-02-01&to=2026-01-31")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ValidationErrors().Keys.ShouldBe(["to"]);
        (await (await Admin.GetAsync($"/api/metering/buckets/{scene.Backup}/billing-history?months=0"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe(["months"]);
        (await (await Admin.GetAsync($"{Periods}/2026-01/clients")).ShouldBeJsonAsync<PagedResult<ClientBillingDto>>(
            HttpStatusCode.OK)).Items.ShouldBeEmpty();
        // A client-scoped key cannot see another client's lines by naming it.
        using var scoped = fixture.CreateClient(TestTokens.For(orgId, Roles.Admin, clientScope: Guid.NewGuid()));
        await (await scoped.GetAsync($"{Readings}?period=2026-01&clientId={scene.Client}"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        // Read-only callers may look but not run, finalize or export.
        using var reader = fixture.CreateClient(TestTokens.For(orgId, Roles.ReadOnly));
        await (await reader.PostAsync($"{Periods}/2026-01/finalize", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.GetAsync($"{Readings}/export")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await reader.GetAsync(Periods)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public void Dispose() => adminClient?.Dispose();

    private sealed record Scene(Guid Client, Guid Backup, Guid Devices);

    private sealed record FinalizedDto(string Period, int Finalized, DateTimeOffset FinalizedAt);

    /// <summary>
    /// Harbour Dental in Sydney: "Backup" (sum of backup-gb, 100 GB for 500.00 AUD, 6.00 per GB above) on any source,
    /// and "Devices" (count of reporting ninja devices, no commit, 4.00 AUD each).
    /// </summary>
    private async Task<Scene> SceneAsync()
    {
        var backupType = await Admin.CreateUnitTypeAsync("backup-gb", "Backup GB");
        var deviceType = await Admin.CreateUnitTypeAsync("devices", "Devices", aggregation: "count", basePrice: 0m,
            overagePrice: 4m, commitUnits: 0m);
        var client = await data.ClientAsync("Harbour Dental", "Australia/Sydney", orgId: orgId);
        var pc = await data.AssetAsync(client, "pc-1", [backupType.Key], orgId: orgId);
        var dev1 = await data.AssetAsync(client, "dev-1", [deviceType.Key], source: "ninja", orgId: orgId);
        var dev2 = await data.AssetAsync(client, "dev-2", [deviceType.Key], source: "ninja", orgId: orgId);
        var backup = await Admin.CreateBucketAsync(client, backupType.Id, name: "Backup");
        var devices = await Admin.CreateBucketAsync(client, deviceType.Id, name: "Devices", commitUnits: 0m,
            sourceType: "ninja");
        await Admin.BindAsync(backup.Id, pc);
        await Admin.BindAsync(devices.Id, dev1, dev2);
        return new Scene(client, backup.Id, devices.Id);
    }

    /// <summary>Delivers readings as ingestion does, received at <paramref name="receivedAt"/>.</summary>
    private async Task IngestAsync(DateTimeOffset receivedAt,
        params (string ExternalId, string Source, string UnitType, decimal Quantity, DateTimeOffset ObservedAt)[] readings)
    {
        var batch = MeteringMessages.Batch(readings.Select(reading => MeteringMessages.Reading(reading.Source,
            reading.ExternalId, reading.ObservedAt, reading.Quantity, reading.UnitType)).ToList(),
            receivedAt: receivedAt, orgId: orgId);
        await fixture.PublishAndWaitAsync(batch);
    }

    private static (decimal Usage, decimal Base, decimal OverageUnits, decimal Overage, decimal BufferUnits,
        decimal Buffer, decimal Cost) Line(IEnumerable<BillingReadingDto> lines, Guid bucketId)
    {
        var line = lines.Single(candidate => candidate.BucketId == bucketId && candidate.Kind == "reading");
        return (line.Usage, line.Base, line.OverageUnits, line.Overage, line.BufferUnits, line.Buffer, line.Cost);
    }

    private static async Task<Dictionary<string, string[]>> UnzipAsync(HttpResponseMessage response)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var archive = new ZipArchive(stream, ZipArchiveMode.Read);
        var files = new Dictionary<string, string[]>();
        foreach (var entry in archive.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            files[entry.Name] = (await reader.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        }
        return files;
    }
}

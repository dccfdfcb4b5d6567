using System.Net;
using System.Text;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Retention;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static BillingOne.Metering.Tests.Api.MeteringMessages;

namespace BillingOne.Metering.Tests.Api;

/// <summary>
/// Reading ids are kept where the readings are stored: a reading sent again as it was is skipped silently, one sent
/// again with another payload is refused and recorded as an ingest exception with both payloads.
/// </summary>
[Trait("Category", "Integration")]
public sealed class IngestExceptionsApiTests(MeteringApiFixture fixture) : IClassFixture<MeteringApiFixture>
{
    private const string BasePath = "/api/metering/ingest-exceptions";
    private static readonly DateTimeOffset March10 = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);

    // Tests of one class share a database: each one reports under its own source and reading ids.
    private readonly string source = "src-" + Guid.NewGuid().ToString("N")[..10];

    private sealed record PayloadDto(string AssetSource, string AssetExternalId, string UnitTypeKey, decimal Quantity,
        DateTimeOffset ObservedAt, string? Description);

    private sealed record IngestExceptionDto(Guid Id, string Kind, string ReadingId, Guid? ClientId, string? ClientName,
        Guid SentBy, Guid BatchId, DateTimeOffset ReceivedAt, DateTimeOffset DetectedAt, List<string> Differences,
        PayloadDto Kept, Guid KeptBatchId, DateTimeOffset KeptReceivedAt, PayloadDto Sent);

    [Fact]
    public async Task A_changed_repeat_is_an_exception_with_both_payloads_a_same_one_is_silent_and_the_first_stays_stored()
    {
        var client = await fixture.KnownClientAsync($"{source} client");
        var first = Batch([
            Reading(source, "srv-1", March10, 5m, id: $"{source}-same"),
            Reading(source, "srv-1", March10.AddHours(1), 7m, description: "nightly", id: $"{source}-changed"),
        ], clientScope: client);
        await fixture.PublishAndWaitAsync(first);
        var resent = Batch([
            first.Readings[0],
            first.Readings[1] with { Quantity = 8m, ObservedAt = March10.AddHours(2) },
            Reading(source, "srv-1", March10.AddHours(3), 9m, id: $"{source}-new"),
        ], clientScope: client, receivedAt: Received.AddMinutes(5));

        await fixture.PublishAndWaitAsync(resent);

        (await StoredAsync()).ShouldBe(
            [($"{source}-changed", 7m), ($"{source}-new", 9m), ($"{source}-same", 5m)]);
        var exception = (await ListAsync(fixture.Client, $"search={source}")).Items.ShouldHaveSingleItem();
        (exception.Kind, exception.ReadingId, exception.ClientId, exception.ClientName)
            .ShouldBe(("conflict", $"{source}-changed", (Guid?)client, $"{source} client"));
        exception.Differences.ShouldBe(["quantity", "observedAt"]);
        exception.Kept.ShouldBe(new PayloadDto(source, "srv-1", "backup-gb", 7m, March10.AddHours(1), "nightly"));
        exception.Sent.ShouldBe(new PayloadDto(source, "srv-1", "backup-gb", 8m, March10.AddHours(2), "nightly"));
        (exception.BatchId, exception.ReceivedAt, exception.SentBy)
            .ShouldBe((resent.BatchId, Received.AddMinutes(5), resent.ActorId));
        (exception.KeptBatchId, exception.KeptReceivedAt).ShouldBe((first.BatchId, Received));
    }

    [Fact]
    public async Task A_message_delivered_again_records_its_conflicts_once()
    {
        var first = Batch([Reading(source, "srv-1", March10, 5m, id: $"{source}-a")]);
        await fixture.PublishAndWaitAsync(first);
        var changed = Batch([first.Readings[0] with { Quantity = 6m }]);

        // The inbox knows the message id; a second message with the same batch (published again) finds it recorded.
        await fixture.PublishAndWaitAsync(changed);
        await fixture.PublishAndWaitAsync(changed);

        (await ListAsync(fixture.Client, $"search={source}")).Items.ShouldHaveSingleItem()
            .Differences.ShouldBe(["quantity"]);
        (await StoredAsync()).ShouldBe([($"{source}-a", 5m)]);
    }

    [Fact]
    public async Task A_changed_repeat_within_one_message_is_an_exception_too()
    {
        var kept = Reading(source, "srv-1", March10, 5m, id: $"{source}-a");

        await fixture.PublishAndWaitAsync(Batch([kept, kept with { AssetExternalId = "srv-2" }]));

        (await StoredAsync()).ShouldBe([($"{source}-a", 5m)]);
        var exception = (await ListAsync(fixture.Client, $"search={source}")).Items.ShouldHaveSingleItem();
        exception.Differences.ShouldBe(["assetExternalId"]);
        (exception.Kept.AssetExternalId, exception.Sent.AssetExternalId).ShouldBe(("srv-1", "srv-2"));
    }

    [Fact]
    public async Task A_client_scoped_caller_sees_its_clients_exceptions_only_and_the_export_has_every_one()
    {
        var (alpha, beta) = (await fixture.KnownClientAsync($"{source} alpha"), await fixture.KnownClientAsync($"{source} beta"));
        foreach (var (client, asset) in new[] { (alpha, "srv-alpha"), (beta, "srv-beta") })
        {
            var first = Batch([Reading(source, asset, March10, 1m, id: $"{source}-{asset}")], clientScope: client);
            await fixture.PublishAndWaitAsync(first);
            await fixture.PublishAndWaitAsync(Batch([first.Readings[0] with { Quantity = 2m }], clientScope: client));
        }

        (await ListAsync(fixture.Client, $"search={source}")).TotalCount.ShouldBe(2);
        (await ListAsync(fixture.Client, $"search={source}&clientId={beta}")).Items.ShouldHaveSingleItem()
            .ReadingId.ShouldBe($"{source}-srv-beta");
        using var alphaUser = fixture.CreateClient(TestTokens.For(DemoOrg, Roles.Admin, clientScope: alpha));
        (await ListAsync(alphaUser, $"search={source}")).Items.ShouldHaveSingleItem()
            .ReadingId.ShouldBe($"{source}-srv-alpha");
        using var export = await fixture.Client.GetAsync($"{BasePath}/export?search={source}");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var lines = Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(3);
        lines[0].ShouldStartWith("Detected At,Kind,Reading ID,Client ID,Client,Differences");
        lines.Skip(1).ShouldAllBe(line => line.Contains(",conflict,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_query_is_a_problem_naming_the_parameter()
    {
        using var answer = await fixture.Client.GetAsync($"{BasePath}?clientId=not-a-guid&pageSize=0");

        var problem = await answer.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("clientId", out _).ShouldBeTrue();
        problem.GetProperty("errors").TryGetProperty("pageSize", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_id_is_purged_once_its_reading_is_older_than_ingestion_accepts()
    {
        var now = DateTimeOffset.UtcNow;
        var old = Reading(source, "srv-1", now.AddDays(-401), id: $"{source}-old");
        var recent = Reading(source, "srv-1", now.AddDays(-1), id: $"{source}-recent");
        await fixture.PublishAndWaitAsync(Batch([old, recent], receivedAt: now));

        var purged = await fixture.Services.GetRequiredService<RetentionPurgeWorker>().PurgeAllAsync(default);

        purged.Single(outcome => outcome.Name == "reading-ids").Deleted.ShouldBeGreaterThanOrEqualTo(1);
        await using var connection = await fixture.OpenDatabaseAsync();
        (await connection.QueryAsync<string>("SELECT reading_id FROM stored_reading_ids WHERE reading_id LIKE @prefix",
            new { prefix = $"{source}-%" })).ShouldBe([$"{source}-recent"]);
        AcceptedReading.DefaultMaxAge.ShouldBe(TimeSpan.FromDays(400));
    }

    private async Task<List<(string ReadingId, decimal Quantity)>> StoredAsync()
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        return (await connection.QueryAsync<(string, decimal)>("""
            SELECT r.reading_id, r.quantity FROM raw_readings r JOIN assets a ON a.org_id = r.org_id AND a.id = r.asset_id
            WHERE a.source = @source ORDER BY r.reading_id COLLATE "C"
            """, new { source })).ToList();
    }

    private static async Task<PagedResult<IngestExceptionDto>> ListAsync(HttpClient client, string query)
    {
        using var answer = await client.GetAsync($"{BasePath}?{query}");
        return await answer.ShouldBeJsonAsync<PagedResult<IngestExceptionDto>>(HttpStatusCode.OK);
    }
}

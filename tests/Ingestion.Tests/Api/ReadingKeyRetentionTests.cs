using System.Net;
using BillingOne.BuildingBlocks.Retention;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static BillingOne.Ingestion.Tests.Api.SentReadings;

namespace BillingOne.Ingestion.Tests.Api;

[Trait("Category", "Integration")]
public sealed class ReadingKeyRetentionTests(IngestionApiFixture fixture) : IClassFixture<IngestionApiFixture>, IAsyncLifetime
{
    private readonly Guid orgId = Guid.NewGuid();

    public Task InitializeAsync() => fixture.KnowUnitTypesAsync(orgId, UnitType);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_key_is_purged_only_once_its_reading_is_too_old_to_be_accepted_so_no_reading_is_stored_twice()
    {
        var now = DateTimeOffset.UtcNow;
        // Received and observed 402 days ago (past the 400-day ingest retention plus the 24 h skew), and yesterday.
        var longAgo = now.AddDays(-402);
        await using (var connection = await fixture.OpenDatabaseAsync())
        {
            await connection.ExecuteAsync("""
                INSERT INTO ingested_readings (org_id, client_scope, reading_id, fingerprint, batch_id, received_at)
                VALUES (@orgId, '00000000-0000-0000-0000-000000000000', 'long-ago', @fingerprint, @batchId, @longAgo)
                """, new { orgId, fingerprint = new byte[32], batchId = Guid.NewGuid(), longAgo });
        }
        var recent = Reading("yesterday", observedAt: now.AddDays(-1));
        (await IngestAsync(recent)).Outcomes.ShouldHaveSingleItem().Status.ShouldBe("accepted");
        var eventsBefore = (await fixture.AcceptedEventsAsync(orgId)).Count;

        var purged = await fixture.Services.GetRequiredService<RetentionPurgeWorker>().PurgeAllAsync(default);

        purged.Single(outcome => outcome.Name == "ingested-reading-keys").Deleted.ShouldBeGreaterThanOrEqualTo(1);
        var again = await IngestAsync(Reading("long-ago", observedAt: longAgo), recent);
        again.Outcomes.Select(outcome => outcome.Status).ShouldBe(["rejected", "duplicate"]);
        again.Outcomes[0].Reason.ShouldNotBeNull().ShouldEndWith("is older than the retention of 400 days");
        (await fixture.AcceptedEventsAsync(orgId)).Count.ShouldBe(eventsBefore);
        await using var database = await fixture.OpenDatabaseAsync();
        (await database.QueryAsync<string>("SELECT reading_id FROM ingested_readings WHERE org_id = @orgId",
            new { orgId })).ShouldBe(["yesterday"]);
    }

    private async Task<IngestResponseDto> IngestAsync(params Dictionary<string, object?>[] readings)
    {
        using var http = fixture.ClientFor(orgId, Roles.Ingest, Guid.NewGuid());
        using var response = await http.PostAsync("/api/ingestion/readings", JsonArray(readings));
        return await response.ShouldBeJsonAsync<IngestResponseDto>(HttpStatusCode.OK);
    }
}

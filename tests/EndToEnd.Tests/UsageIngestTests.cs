using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.Testing;
using Npgsql;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// Usage readings pushed through the gateway over HTTP and gRPC end up in metering exactly as the ingest answers
/// said: every accepted reading stored once, nothing duplicated, suppressed or invalid stored, and a reading sent
/// again with another payload shown as an ingest exception instead of replacing the first.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class UsageIngestTests(SystemFixture fixture)
{
    private const int ReadingsPerCall = 10_000;

    [SystemFact]
    public async Task Stored_readings_equal_exactly_what_a_hundred_thousand_ingest_answers_accepted()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        using var session = await IngestSession.StartAsync(fixture.System, $"e2e-gb-{run}", $"e2e-{run}-probe");
        await CreateSuppressionAsync($"lab-{run}-*");
        var observedAt = DateTimeOffset.UtcNow.AddHours(-2);
        var readings = Enumerable.Range(0, 9 * ReadingsPerCall)
            .Select(i => Reading(run, i, session.UnitTypeKey, observedAt))
            .ToList();

        var calls = readings.Chunk(ReadingsPerCall).Select((chunk, index) => index switch
        {
            < 3 => session.Client.SendHttpAsync(chunk, IngestBody.JsonArray),
            < 5 => session.Client.SendHttpAsync(chunk, IngestBody.Ndjson),
            // The exceptions-only answer: the server lists the readings not accepted, the client fills in the rest.
            5 => session.Client.SendHttpAsync(chunk, IngestBody.Ndjson, outcomes: IngestOutcomes.Exceptions),
            < 8 => session.Client.SendGrpcAsync(chunk, readingsPerMessage: 1_000),
            // The same over gRPC (its outcomes header), through the gateway.
            _ => session.Client.SendGrpcAsync(chunk, readingsPerMessage: 1_000, outcomes: IngestOutcomes.Exceptions),
        });
        var answers = await Task.WhenAll(calls);

        var outcomes = answers.SelectMany(answer => answer.Outcomes).ToList();
        outcomes.Count.ShouldBe(readings.Count);
        foreach (var answer in answers)
        {
            answer.Accepted.ShouldBe(answer.Outcomes.Count(o => o.Status == "accepted"));
        }
        var expected = readings.ToDictionary(r => r.Id, ExpectedStatus);
        var actual = outcomes.ToDictionary(o => o.Id!, o => o.Status);
        actual.ShouldBe(expected);
        var acceptedIds = expected.Where(e => e.Value == "accepted").Select(e => e.Key).ToHashSet();
        expected.Values.Distinct().Order().ShouldBe(["accepted", "rejected", "suppressed"]);

        // The last 10,000: half repeated as they were (duplicates), half with another quantity (conflicts). The call
        // accepts them all; metering skips the duplicates and records the conflicts as ingest exceptions.
        var accepted = readings.Where(r => acceptedIds.Contains(r.Id)).ToList();
        var changed = accepted.Skip(ReadingsPerCall / 2).Take(ReadingsPerCall / 2).Select(r => r with { Quantity = r.Quantity + 1 })
            .ToList();
        var repeated = await session.Client.SendHttpAsync(accepted.Take(ReadingsPerCall / 2).Concat(changed).ToList(),
            IngestBody.Ndjson);
        (repeated.Accepted, repeated.Duplicates, repeated.Conflicts).ShouldBe((ReadingsPerCall, 0, 0));

        await using var metering = new NpgsqlConnection(await fixture.System.DatabaseConnectionStringAsync("metering"));
        await metering.OpenAsync();
        var pattern = $"e2e-{run}-r%";
        await Eventually.AssertAsync(async () =>
            (await CountAsync(metering, "SELECT count(*) FROM raw_readings WHERE reading_id LIKE @pattern", pattern))
                .ShouldBe(acceptedIds.Count), TimeSpan.FromMinutes(3));

        var storedIds = new HashSet<string>();
        await using (var command = new NpgsqlCommand("SELECT reading_id FROM raw_readings WHERE reading_id LIKE @pattern", metering))
        {
            command.Parameters.AddWithValue("pattern", pattern);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                storedIds.Add(reader.GetString(0));
            }
        }
        storedIds.SetEquals(acceptedIds).ShouldBeTrue("the stored reading ids are exactly the accepted ones");
        // Conflicting repeats never replaced the original quantities.
        var originalSum = readings.Where(r => acceptedIds.Contains(r.Id)).Sum(r => r.Quantity);
        await using (var sum = new NpgsqlCommand("SELECT sum(quantity) FROM raw_readings WHERE reading_id LIKE @pattern", metering))
        {
            sum.Parameters.AddWithValue("pattern", pattern);
            ((decimal)(await sum.ExecuteScalarAsync())!).ShouldBe(originalSum);
        }
        using var gateway = fixture.System.CreateGatewayClient();
        await Eventually.AssertAsync(async () =>
            (await gateway.GetFromJsonAsync<JsonElement>($"/api/metering/ingest-exceptions?search=e2e-{run}-r&pageSize=1"))
                .GetProperty("totalCount").GetInt32().ShouldBe(changed.Count), TimeSpan.FromMinutes(1));
        var exception = (await gateway.GetFromJsonAsync<JsonElement>(
            $"/api/metering/ingest-exceptions?search={changed[0].Id}")).GetProperty("items").EnumerateArray().Single();
        exception.GetProperty("differences").EnumerateArray().Select(field => field.GetString()).ShouldBe(["quantity"]);
        (exception.GetProperty("kept").GetProperty("quantity").GetDecimal(),
            exception.GetProperty("sent").GetProperty("quantity").GetDecimal())
            .ShouldBe((changed[0].Quantity - 1, changed[0].Quantity));
        (await CountAsync(metering, "SELECT count(*) FROM assets WHERE external_id LIKE @pattern", $"lab-{run}-%"))
            .ShouldBe(0, "suppressed readings create no asset");
        (await CountAsync(metering, "SELECT count(*) FROM assets WHERE external_id LIKE @pattern", $"srv-{run}-%"))
            .ShouldBe(accepted.Select(r => r.AssetExternalId).Distinct().Count(), "one asset per accepted external id");
    }

    private const int AssetCount = 500;

    /// <summary>
    /// Reading <paramref name="index"/> of the run: every 20th is invalid (negative quantity), every 25th comes from
    /// a suppressed lab asset, the rest from one of <see cref="AssetCount"/> servers.
    /// </summary>
    private static ReadingToSend Reading(string run, int index, string unitTypeKey, DateTimeOffset observedAt)
    {
        var asset = index % 25 == 0 ? $"lab-{run}-{index % 7}" : $"srv-{run}-{index % AssetCount}";
        var quantity = index % 20 == 0 ? -1m : 1m + index % 100 / 4m;
        return new ReadingToSend($"e2e-{run}-r{index}", "e2e-agent", asset, unitTypeKey, quantity,
            observedAt.AddSeconds(-index), index % 3 == 0 ? $"disk {index % 4}" : null);
    }

    /// <summary>Validation comes before suppression, so an invalid lab reading is rejected.</summary>
    private static string ExpectedStatus(ReadingToSend reading) =>
        reading.Quantity < 0 ? "rejected"
        : reading.AssetExternalId.StartsWith("lab-", StringComparison.Ordinal) ? "suppressed"
        : "accepted";

    private async Task CreateSuppressionAsync(string pattern)
    {
        using var admin = fixture.System.CreateGatewayClient();
        using var response = await admin.PostAsJsonAsync("/api/ingestion/suppressions",
            new { pattern, type = "glob", target = "asset-id", reason = "lab machines are not billed" });
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql, string pattern)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("pattern", pattern);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

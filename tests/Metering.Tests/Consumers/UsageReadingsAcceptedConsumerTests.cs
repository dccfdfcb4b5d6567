using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Metering.Tests.Api;
using BillingOne.Testing;
using Dapper;
using static BillingOne.Metering.Tests.Api.MeteringMessages;

namespace BillingOne.Metering.Tests.Consumers;

[Trait("Category", "Integration")]
public sealed class UsageReadingsAcceptedConsumerTests(MeteringApiFixture fixture) : IClassFixture<MeteringApiFixture>
{
    private static readonly DateTimeOffset March10 = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);

    // Tests of one class share a database: each one reports its assets under its own source.
    private readonly string source = "src-" + Guid.NewGuid().ToString("N")[..10];

    private sealed record AssetRow(Guid Id, string ExternalId, string? Description, Guid? ClientId, string? AssignedBy,
        DateTime FirstSeenAt, DateTime LastSeenAt);

    private sealed record ReadingRow(string ReadingId, string ExternalId, decimal Quantity, Guid BatchId, bool Late,
        string Partition);

    [Fact]
    public async Task A_new_asset_is_created_once_and_announced_once()
    {
        await fixture.PublishAndWaitAsync(Batch([
            Reading(source, "srv-1", March10.AddHours(2), description: "first description"),
            Reading(source, "srv-1", March10),
        ]));
        await fixture.PublishAndWaitAsync(Batch([
            Reading(source, "srv-1", March10.AddHours(5), description: "Backup server"),
            Reading(source, "srv-1", March10.AddDays(-1)),
        ]));

        var asset = (await AssetsAsync()).ShouldHaveSingleItem();
        asset.ExternalId.ShouldBe("srv-1");
        asset.Description.ShouldBe("Backup server");
        (asset.ClientId, asset.AssignedBy).ShouldBe((null, null));
        asset.FirstSeenAt.ShouldBe(March10.AddDays(-1).UtcDateTime);
        asset.LastSeenAt.ShouldBe(March10.AddHours(5).UtcDateTime);

        var discovered = (await DiscoveredEventsAsync()).ShouldHaveSingleItem();
        discovered.ShouldBe(new AssetDiscovered(DemoOrg, asset.Id, source, "srv-1", null, March10));
    }

    [Fact]
    public async Task An_older_reading_widens_the_first_sighting_but_keeps_the_latest_description()
    {
        await fixture.PublishAndWaitAsync(Batch([Reading(source, "srv-1", March10, description: "current")]));

        await fixture.PublishAndWaitAsync(Batch([Reading(source, "srv-1", March10.AddDays(-3), description: "old")]));

        var asset = (await AssetsAsync()).ShouldHaveSingleItem();
        (asset.Description, asset.FirstSeenAt, asset.LastSeenAt)
            .ShouldBe(("current", March10.AddDays(-3).UtcDateTime, March10.UtcDateTime));
    }

    [Fact]
    public async Task Readings_from_a_client_scoped_key_assign_new_assets_to_its_client()
    {
        var client = Guid.NewGuid();
        await fixture.PublishAndWaitAsync(Batch([Reading(source, "srv-1", March10)], clientScope: client));
        // Another key's later readings do not move an asset that already has a client.
        await fixture.PublishAndWaitAsync(Batch([Reading(source, "srv-1", March10.AddHours(1))],
            clientScope: Guid.NewGuid()));

        var asset = (await AssetsAsync()).ShouldHaveSingleItem();
        (asset.ClientId, asset.AssignedBy).ShouldBe((client, "key"));
        (await DiscoveredEventsAsync()).ShouldHaveSingleItem().ClientId.ShouldBe(client);
    }

    [Fact]
    public async Task A_client_scoped_keys_readings_never_land_on_or_change_another_clients_asset()
    {
        var (own, other) = (Guid.NewGuid(), Guid.NewGuid());
        await fixture.PublishAndWaitAsync(Batch([Reading(source, "srv-1", March10, 5m, description: "own")],
            clientScope: own));

        // Ingestion refuses these; were its copy of the asset's client behind, metering still keeps them out.
        await fixture.PublishAndWaitAsync(Batch([
            Reading(source, "srv-1", March10.AddDays(1), 99m, description: "taken over"),
        ], clientScope: other));

        (await ReadingsAsync()).Select(reading => reading.Quantity).ShouldBe([5m]);
        var asset = (await AssetsAsync()).ShouldHaveSingleItem();
        (asset.ClientId, asset.Description, asset.LastSeenAt).ShouldBe((own, "own", March10.UtcDateTime));
    }

    [Fact]
    public async Task Two_clients_may_use_the_same_reading_id_at_the_same_time_on_their_own_assets()
    {
        var id = $"{source}-shared";
        await fixture.PublishAndWaitAsync(Batch([Reading(source, "srv-a", March10, 1m, id: id)],
            clientScope: Guid.NewGuid()));
        await fixture.PublishAndWaitAsync(Batch([Reading(source, "srv-b", March10, 2m, id: id)],
            clientScope: Guid.NewGuid()));

        (await ReadingsAsync()).Select(reading => (reading.ExternalId, reading.Quantity))
            .ShouldBe([("srv-a", 1m), ("srv-b", 2m)], ignoreOrder: true);
    }

    [Fact]
    public async Task Without_a_key_scope_the_oldest_matching_rule_assigns_and_otherwise_the_asset_stays_unassigned()
    {
        var older = await fixture.KnownClientAsync($"{source} Older rule's client");
        var newer = await fixture.KnownClientAsync($"{source} Newer rule's client");
        var bySource = await fixture.KnownClientAsync($"{source} Source rule's client");
        var otherSource = source + "-other";
        await CreateRuleAsync($"{source}-SRV-*", "asset-id", older);
        await CreateRuleAsync($"{source}-srv-1?", "asset-id", newer);
        await CreateRuleAsync(otherSource, "source", bySource);

        await fixture.PublishAndWaitAsync(Batch([
            Reading(source, $"{source}-srv-10", March10),
            Reading(source, $"{source}-srv-2", March10),
            Reading(source, $"{source}-db-1", March10),
            Reading(otherSource, "anything", March10),
        ]));

        var assets = (await AssetsAsync()).ToDictionary(asset => asset.ExternalId);
        (assets[$"{source}-srv-10"].ClientId, assets[$"{source}-srv-10"].AssignedBy).ShouldBe((older, "rule"));
        (assets[$"{source}-srv-2"].ClientId, assets[$"{source}-srv-2"].AssignedBy).ShouldBe((older, "rule"));
        (assets[$"{source}-db-1"].ClientId, assets[$"{source}-db-1"].AssignedBy).ShouldBe((null, null));
        (await AssetsAsync(otherSource)).ShouldHaveSingleItem().ClientId.ShouldBe(bySource);
    }

    [Fact]
    public async Task A_rule_glob_takes_like_wildcards_literally()
    {
        var client = await fixture.KnownClientAsync($"{source} Literal rule's client");
        await CreateRuleAsync($"{source}-100%_a", "asset-id", client);

        await fixture.PublishAndWaitAsync(Batch([
            Reading(source, $"{source}-100%_a", March10),
            Reading(source, $"{source}-100xya", March10),
        ]));

        var assets = (await AssetsAsync()).ToDictionary(asset => asset.ExternalId, asset => asset.ClientId);
        assets[$"{source}-100%_a"].ShouldBe(client);
        assets[$"{source}-100xya"].ShouldBeNull();
    }

    [Fact]
    public async Task A_known_asset_moves_when_its_sightings_are_folded_and_once_only()
    {
        await fixture.PublishAndWaitAsync(Batch([Reading(source, "srv-1", March10, description: "first")]));

        var messageId = await fixture.PublishAsync(Batch([
            Reading(source, "srv-1", March10.AddHours(4), description: "later"),
            Reading(source, "srv-1", March10.AddDays(-2)),
        ]));
        await fixture.Consumed.WaitUntilHandledAsync(messageId);

        // Stored, not folded yet: the readings are in, the asset is as it was.
        (await ReadingsAsync()).Count.ShouldBe(3);
        var before = (await AssetsAsync()).ShouldHaveSingleItem();
        (before.Description, before.FirstSeenAt, before.LastSeenAt)
            .ShouldBe(("first", March10.UtcDateTime, March10.UtcDateTime));

        (await fixture.FoldSightingsAsync()).ShouldBe(1);
        var after = (await AssetsAsync()).ShouldHaveSingleItem();
        (after.Description, after.FirstSeenAt, after.LastSeenAt)
            .ShouldBe(("later", March10.AddDays(-2).UtcDateTime, March10.AddHours(4).UtcDateTime));
        (await fixture.FoldSightingsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Batches_folded_together_keep_the_description_of_the_latest_reading_whatever_their_order()
    {
        await fixture.PublishAndWaitAsync(Batch([Reading(source, "srv-1", March10, description: "first")]));

        // The newest description arrives first, an older one after it, and a later reading without one last.
        foreach (var batch in new[]
        {
            Batch([Reading(source, "srv-1", March10.AddHours(5), description: "newest")]),
            Batch([Reading(source, "srv-1", March10.AddHours(3), description: "older")]),
            Batch([Reading(source, "srv-1", March10.AddHours(8))]),
        })
        {
            await fixture.Consumed.WaitUntilHandledAsync(await fixture.PublishAsync(batch));
        }
        await fixture.FoldSightingsAsync();

        var asset = (await AssetsAsync()).ShouldHaveSingleItem();
        (asset.Description, asset.FirstSeenAt, asset.LastSeenAt)
            .ShouldBe(("newest", March10.UtcDateTime, March10.AddHours(8).UtcDateTime));

        // An older description arriving on its own after the fold does not replace it either.
        await fixture.PublishAndWaitAsync(Batch([Reading(source, "srv-1", March10.AddHours(4), description: "stale")]));
        (await AssetsAsync()).ShouldHaveSingleItem().Description.ShouldBe("newest");
    }

    [Fact]
    public async Task A_redelivered_message_stores_its_readings_once()
    {
        var message = Batch([Reading(source, "srv-1", March10), Reading(source, "srv-2", March10)]);
        var messageId = await fixture.PublishAsync(message);
        await fixture.Consumed.WaitUntilHandledAsync(messageId);

        await fixture.PublishAsync(message, messageId);
        await fixture.Consumed.WaitUntilHandledAsync(messageId, times: 2);

        (await ReadingsAsync()).Count.ShouldBe(2);
        (await DiscoveredEventsAsync()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Another_message_carrying_the_same_reading_ids_stores_only_the_new_readings()
    {
        var first = Batch([Reading(source, "srv-1", March10, 5m, id: $"{source}-a"),
            Reading(source, "srv-1", March10.AddHours(1), 7m, id: $"{source}-b")]);
        await fixture.PublishAndWaitAsync(first);

        // The inbox knows only message ids: this is the idempotency of the storage itself.
        await fixture.PublishAndWaitAsync(Batch([
            first.Readings[0],
            first.Readings[1],
            Reading(source, "srv-1", March10.AddHours(2), 9m, id: $"{source}-c"),
        ]));

        var readings = await ReadingsAsync();
        readings.Select(reading => (reading.ReadingId, reading.Quantity)).ShouldBe(
            [($"{source}-a", 5m), ($"{source}-b", 7m), ($"{source}-c", 9m)], ignoreOrder: true);
        readings.Where(reading => reading.ReadingId != $"{source}-c")
            .ShouldAllBe(reading => reading.BatchId == first.BatchId);
        (await AssetsAsync()).ShouldHaveSingleItem().LastSeenAt.ShouldBe(March10.AddHours(2).UtcDateTime);
    }

    [Fact]
    public async Task A_reading_repeated_within_one_message_is_stored_once()
    {
        var repeated = Reading(source, "srv-1", March10, 5m, id: $"{source}-a");

        // The copy fails on the primary key and the batch goes in again skipping what is stored.
        await fixture.PublishAndWaitAsync(Batch([repeated, Reading(source, "srv-1", March10.AddHours(1), 7m,
            id: $"{source}-b"), repeated]));

        (await ReadingsAsync()).Select(reading => (reading.ReadingId, reading.Quantity)).ShouldBe(
            [($"{source}-a", 5m), ($"{source}-b", 7m)], ignoreOrder: true);
    }

    [Fact]
    public async Task Readings_go_to_the_partition_of_their_utc_month_created_on_demand()
    {
        await fixture.PublishAndWaitAsync(Batch([
            Reading(source, "srv-1", new DateTimeOffset(2019, 11, 30, 23, 59, 59, TimeSpan.Zero), id: $"{source}-nov"),
            Reading(source, "srv-1", new DateTimeOffset(2019, 12, 1, 0, 0, 0, TimeSpan.Zero), id: $"{source}-dec"),
            Reading(source, "srv-1", new DateTimeOffset(2020, 1, 1, 9, 0, 0, TimeSpan.FromHours(10)), id: $"{source}-dec2"),
            Reading(source, "srv-1", new DateTimeOffset(2020, 1, 15, 0, 0, 0, TimeSpan.Zero), id: $"{source}-jan"),
        ]));

        (await ReadingsAsync()).ToDictionary(reading => reading.ReadingId, reading => reading.Partition).ShouldBe(
            new Dictionary<string, string>
            {
                [$"{source}-nov"] = "raw_readings_2019_11",
                [$"{source}-dec"] = "raw_readings_2019_12",
                [$"{source}-dec2"] = "raw_readings_2019_12",
                [$"{source}-jan"] = "raw_readings_2020_01",
            }, ignoreOrder: true);
    }

    [Fact]
    public async Task A_reading_is_late_when_its_month_ended_in_the_assets_client_time_zone_before_receipt()
    {
        var newYork = Guid.NewGuid();
        await fixture.PublishAndWaitAsync(Client(newYork, "New York client", "America/New_York"));
        var receivedAt = new DateTimeOffset(2025, 2, 1, 0, 30, 0, TimeSpan.Zero);
        var endOfJanuaryUtc = new DateTimeOffset(2025, 1, 31, 23, 30, 0, TimeSpan.Zero);

        await fixture.PublishAndWaitAsync(Batch([
            Reading(source, "ny-1", endOfJanuaryUtc, id: $"{source}-ny-end"),
            Reading(source, "ny-1", endOfJanuaryUtc.AddDays(-40), id: $"{source}-ny-december"),
            Reading(source, "ny-1", endOfJanuaryUtc.AddDays(-20), id: $"{source}-ny-mid-january"),
        ], clientScope: newYork, receivedAt: receivedAt));
        await fixture.PublishAndWaitAsync(Batch([
            Reading(source, "unassigned-1", endOfJanuaryUtc, id: $"{source}-utc-end"),
            Reading(source, "unassigned-1", receivedAt.AddMinutes(-10), id: $"{source}-utc-feb"),
        ], receivedAt: receivedAt));

        (await ReadingsAsync()).ToDictionary(reading => reading.ReadingId, reading => reading.Late).ShouldBe(
            new Dictionary<string, bool>
            {
                // Still January 18:30 in New York when received at 19:30 there.
                [$"{source}-ny-end"] = false,
                [$"{source}-ny-mid-january"] = false,
                [$"{source}-ny-december"] = true,
                // Unassigned: UTC, whose January ended half an hour before receipt.
                [$"{source}-utc-end"] = true,
                [$"{source}-utc-feb"] = false,
            }, ignoreOrder: true);
    }

    [Fact]
    public async Task A_disregarded_asset_keeps_collecting_its_history()
    {
        await fixture.PublishAndWaitAsync(Batch([Reading(source, "srv-1", March10)]));
        var asset = (await AssetsAsync()).ShouldHaveSingleItem();
        (await fixture.Client.PostAsync($"/api/metering/assets/{asset.Id}/disregard", null))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        await fixture.PublishAndWaitAsync(Batch([Reading(source, "srv-1", March10.AddDays(1))]));

        (await ReadingsAsync()).Count.ShouldBe(2);
        var after = (await AssetsAsync()).ShouldHaveSingleItem();
        after.LastSeenAt.ShouldBe(March10.AddDays(1).UtcDateTime);
        await using var connection = await fixture.OpenDatabaseAsync();
        (await connection.ExecuteScalarAsync<bool>("SELECT disregarded_at IS NOT NULL FROM assets WHERE id = @Id", after))
            .ShouldBeTrue();
    }

    [Fact]
    public async Task The_unit_types_an_asset_reports_are_recorded_once_each()
    {
        await fixture.PublishAndWaitAsync(Batch([
            Reading(source, "srv-1", March10, unitTypeKey: "backup-gb"),
            Reading(source, "srv-1", March10.AddDays(2), unitTypeKey: "backup-gb"),
            Reading(source, "srv-1", March10.AddDays(1), unitTypeKey: "licences"),
        ]));
        await fixture.PublishAndWaitAsync(Batch([
            Reading(source, "srv-1", March10.AddDays(-1), unitTypeKey: "backup-gb"),
            Reading(source, "srv-1", March10.AddDays(3), unitTypeKey: "mailboxes"),
        ]));

        await using var connection = await fixture.OpenDatabaseAsync();
        var unitTypes = await connection.QueryAsync<string>("""
            SELECT aut.unit_type_key
            FROM asset_unit_types aut JOIN assets a ON a.org_id = aut.org_id AND a.id = aut.asset_id
            WHERE a.source = @source ORDER BY 1
            """, new { source });
        unitTypes.ShouldBe(["backup-gb", "licences", "mailboxes"]);
    }

    [Fact]
    public async Task A_full_batch_of_ten_thousand_readings_is_stored()
    {
        var readings = Enumerable.Range(0, 10_000)
            .Select(index => Reading(source, $"srv-{index % 250}", March10.AddMinutes(index), index % 7,
                unitTypeKey: index % 2 == 0 ? "backup-gb" : "licences"))
            .ToList();

        await fixture.PublishAndWaitAsync(Batch(readings));

        (await ReadingsAsync()).Count.ShouldBe(10_000);
        (await AssetsAsync()).Count.ShouldBe(250);
        (await DiscoveredEventsAsync()).Count.ShouldBe(250);
    }

    [Fact]
    public async Task A_batch_with_an_unstorable_reading_faults_and_stores_nothing()
    {
        var messageId = await fixture.PublishAsync(Batch([
            Reading(source, "srv-1", March10),
            Reading(source, "srv-1", March10, quantity: -1m),
        ]));

        (await fixture.Consumed.WaitForFaultAsync(messageId)).ShouldBeOfType<MessageValidationException>();
        (await AssetsAsync()).ShouldBeEmpty();
    }

    private async Task<List<AssetRow>> AssetsAsync(string? ofSource = null)
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        return (await connection.QueryAsync<AssetRow>("""
            SELECT id AS Id, external_id AS ExternalId, description AS Description, client_id AS ClientId,
                   assigned_by AS AssignedBy, first_seen_at AS FirstSeenAt, last_seen_at AS LastSeenAt
            FROM assets WHERE source = @source ORDER BY external_id
            """, new { source = ofSource ?? source })).ToList();
    }

    private async Task<List<ReadingRow>> ReadingsAsync()
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        return (await connection.QueryAsync<ReadingRow>("""
            SELECT r.reading_id AS ReadingId, a.external_id AS ExternalId, r.quantity AS Quantity, r.batch_id AS BatchId,
                   r.late AS Late, r.tableoid::regclass::text AS Partition
            FROM raw_readings r JOIN assets a ON a.org_id = r.org_id AND a.id = r.asset_id
            WHERE a.source = @source
            """, new { source })).ToList();
    }

    private async Task<List<AssetDiscovered>> DiscoveredEventsAsync()
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        var payloads = await connection.QueryAsync<string>("""
            SELECT payload::text FROM outbox_messages
            WHERE message_type LIKE 'BillingOne.Contracts.Events.AssetDiscovered,%' AND payload->>'source' = @source
            """, new { source });
        return payloads.Select(payload => JsonSerializer.Deserialize<AssetDiscovered>(payload, JsonSerializerOptions.Web)!)
            .ToList();
    }


    private async Task CreateRuleAsync(string pattern, string target, Guid clientId)
    {
        var response = await fixture.Client.PostAsJsonAsync("/api/metering/assignment-rules",
            new { pattern, target, clientId });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}

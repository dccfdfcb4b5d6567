using System.Text.Json;
using BillingOne.BuildingBlocks.Tenancy;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Tests.Api;

/// <summary>
/// Writes the rows other parts of metering own (clients from ClientUpserted, assets and readings from ingestion)
/// straight into the service's database, so bucket tests do not depend on the consumers.
/// </summary>
public sealed class MeteringTestData(string connectionString)
{
    private static readonly DateTimeOffset Seen = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<Guid> ClientAsync(string name, string timeZone = "UTC", bool enabled = true, Guid? orgId = null)
    {
        var clientId = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("""
            INSERT INTO clients (org_id, client_id, name, enabled, time_zone, version)
            VALUES (@orgId, @clientId, @name, @enabled, @timeZone, 1)
            """, new { orgId = orgId ?? OrganizationContextExtensions.DemoOrganizationId, clientId, name, enabled, timeZone });
        return clientId;
    }

    /// <summary>An asset of <paramref name="clientId"/> (null: unassigned) that reports <paramref name="unitTypeKeys"/>.</summary>
    public async Task<Guid> AssetAsync(Guid? clientId, string externalId, string[] unitTypeKeys, string source = "agent",
        bool enabled = true, bool disregarded = false, Guid? orgId = null)
    {
        var org = orgId ?? OrganizationContextExtensions.DemoOrganizationId;
        var assetId = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("""
            INSERT INTO assets (org_id, id, source, external_id, client_id, assigned_by, enabled, disregarded_at,
                                first_seen_at, last_seen_at, created_at, updated_at)
            VALUES (@org, @assetId, @source, @externalId, @clientId,
                    CASE WHEN @clientId::uuid IS NULL THEN NULL ELSE 'manual' END, @enabled,
                    CASE WHEN @disregarded THEN @seen END, @seen, @seen, @seen, @seen);
            INSERT INTO asset_unit_types (org_id, asset_id, unit_type_key)
            SELECT @org, @assetId, key FROM unnest(@unitTypeKeys) AS key;
            """, new
        {
            org, assetId, source, externalId, clientId, enabled, disregarded, seen = Seen.UtcDateTime, unitTypeKeys,
        });
        return assetId;
    }

    public async Task ReadingAsync(Guid assetId, string unitTypeKey, decimal quantity, DateTimeOffset observedAt,
        Guid? orgId = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("""
            SELECT ensure_raw_readings_partition(@observedAt);
            INSERT INTO raw_readings (org_id, observed_at, reading_id, asset_id, unit_type_key, quantity, received_at,
                                      batch_id, late)
            VALUES (@org, @observedAt, @readingId, @assetId, @unitTypeKey, @quantity, @observedAt, @batchId, false);
            """, new
        {
            org = orgId ?? OrganizationContextExtensions.DemoOrganizationId,
            observedAt = observedAt.UtcDateTime,
            readingId = Guid.NewGuid().ToString(),
            assetId,
            unitTypeKey,
            quantity,
            batchId = Guid.NewGuid(),
        });
    }

    /// <summary>Readings of the quantities on <paramref name="day"/>, from 06:00 UTC six hours apart.</summary>
    public async Task DayOfReadingsAsync(Guid assetId, string unitTypeKey, DateOnly day, decimal[] quantities,
        Guid? orgId = null)
    {
        var morning = new DateTimeOffset(day.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero);
        for (var index = 0; index < quantities.Length; index++)
        {
            await ReadingAsync(assetId, unitTypeKey, quantities[index], morning.AddHours(6 * index), orgId);
        }
    }

    /// <summary>Payloads of the outbox rows of one event type that belong to <paramref name="orgId"/>.</summary>
    public async Task<List<JsonElement>> OutboxEventsAsync(string eventName, Guid orgId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var payloads = await connection.QueryAsync<string>("""
            SELECT payload::text FROM outbox_messages
            WHERE message_type LIKE @type AND payload->>'orgId' = @org ORDER BY sequence
            """, new { type = $"BillingOne.Contracts.Events.{eventName},%", org = orgId.ToString() });
        return payloads.Select(payload => JsonDocument.Parse(payload).RootElement).ToList();
    }
}

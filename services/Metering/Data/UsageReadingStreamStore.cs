using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>A raw usage reading with its asset, as the partner usage stream sends it.</summary>
public sealed record StreamedReading(string ReadingId, Guid AssetId, string AssetSource, string AssetExternalId,
    Guid? ClientId, string UnitTypeKey, decimal Quantity, DateTimeOffset ObservedAt, DateTimeOffset ReceivedAt,
    string? Description)
{
    public UsageReadingCursor Cursor => new(ObservedAt, AssetId, ReadingId);
}

/// <summary>Pages through <c>raw_readings</c> in the usage stream's order, by keyset.</summary>
public sealed class UsageReadingStreamStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Up to <paramref name="limit"/> readings observed in [<paramref name="from"/>, <paramref name="to"/>) after
    /// <paramref name="after"/> (from the start when null), ordered by (observed_at, asset_id, reading_id). A
    /// client-scoped caller gets only the readings of assets assigned to its client.
    /// </summary>
    public async Task<IReadOnlyList<StreamedReading>> PageAsync(Guid orgId, Guid? clientScope, DateTimeOffset from,
        DateTimeOffset to, UsageReadingCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReadingRow>(new CommandDefinition("""
            SELECT r.reading_id AS ReadingId, r.asset_id AS AssetId, a.source AS AssetSource,
                   a.external_id AS AssetExternalId, a.client_id AS ClientId, r.unit_type_key AS UnitTypeKey,
                   r.quantity AS Quantity, r.observed_at AS ObservedAt, r.received_at AS ReceivedAt,
                   r.description AS Description
            FROM raw_readings r
            JOIN assets a ON a.org_id = r.org_id AND a.id = r.asset_id
            WHERE r.org_id = @orgId AND r.observed_at >= @from AND r.observed_at < @to
              AND (@clientScope::uuid IS NULL OR a.client_id = @clientScope)
              AND (@afterObservedAt::timestamptz IS NULL
                   OR (r.observed_at, r.asset_id, r.reading_id COLLATE "C")
                      > (@afterObservedAt::timestamptz, @afterAssetId::uuid, @afterReadingId::text COLLATE "C"))
            ORDER BY r.observed_at, r.asset_id, r.reading_id COLLATE "C"
            LIMIT @limit
            """, new
        {
            orgId,
            clientScope,
            from = from.UtcDateTime,
            to = to.UtcDateTime,
            afterObservedAt = after?.ObservedAt.UtcDateTime,
            afterAssetId = after?.AssetId,
            afterReadingId = after?.ReadingId,
            limit,
        }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToReading())];
    }

    private sealed record ReadingRow(string ReadingId, Guid AssetId, string AssetSource, string AssetExternalId,
        Guid? ClientId, string UnitTypeKey, decimal Quantity, DateTime ObservedAt, DateTime ReceivedAt,
        string? Description)
    {
        public StreamedReading ToReading() => new(ReadingId, AssetId, AssetSource, AssetExternalId, ClientId,
            UnitTypeKey, Quantity, new DateTimeOffset(ObservedAt, TimeSpan.Zero),
            new DateTimeOffset(ReceivedAt, TimeSpan.Zero), Description);
    }
}

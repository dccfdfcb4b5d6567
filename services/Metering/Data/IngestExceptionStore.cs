using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Contracts.Events;
using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>
/// <c>ingest_exceptions</c>: the readings refused after their ingest call was answered, with the reading kept in
/// their place. Recorded by the store of readings in its own transaction; read newest first.
/// </summary>
public sealed class IngestExceptionStore(NpgsqlDataSource dataSource)
{
    private const string Filtered = """
        FROM ingest_exceptions e
        LEFT JOIN clients c ON c.org_id = e.org_id AND c.client_id = e.client_id
        WHERE e.org_id = @orgId
          AND (@clientScope::uuid IS NULL OR e.client_id = @clientScope)
          AND (@clientId::uuid IS NULL OR e.client_id = @clientId)
          AND (@pattern::text IS NULL OR e.reading_id ILIKE @pattern OR e.kept_asset_external_id ILIKE @pattern
               OR e.sent_asset_external_id ILIKE @pattern)
        """;

    private const string SelectExceptions = $"""
        SELECT e.id AS Id, e.reading_id AS ReadingId, e.client_id AS ClientId, c.name AS ClientName,
               e.sent_by AS SentBy, e.batch_id AS BatchId, e.received_at AS ReceivedAt, e.detected_at AS DetectedAt,
               array_to_string(e.differences, ',') AS Differences,
               e.kept_asset_source AS KeptAssetSource, e.kept_asset_external_id AS KeptAssetExternalId,
               e.kept_unit_type_key AS KeptUnitTypeKey, e.kept_quantity AS KeptQuantity,
               e.kept_observed_at AS KeptObservedAt, e.kept_description AS KeptDescription,
               e.kept_batch_id AS KeptBatchId, e.kept_received_at AS KeptReceivedAt,
               e.sent_asset_source AS SentAssetSource, e.sent_asset_external_id AS SentAssetExternalId,
               e.sent_unit_type_key AS SentUnitTypeKey, e.sent_quantity AS SentQuantity,
               e.sent_observed_at AS SentObservedAt, e.sent_description AS SentDescription
        {Filtered}
        ORDER BY e.detected_at DESC, e.id DESC
        """;

    /// <summary>
    /// Records <paramref name="conflicts"/> inside <paramref name="transaction"/>, once each: a batch delivered again
    /// finds the same ones.
    /// </summary>
    public static Task RecordAsync(NpgsqlTransaction transaction, Guid orgId, IReadOnlyList<IngestConflict> conflicts,
        CancellationToken cancellationToken)
    {
        if (conflicts.Count == 0)
        {
            return Task.CompletedTask;
        }
        T[] Column<T>(Func<IngestConflict, T> value) => conflicts.Select(value).ToArray();
        return transaction.Connection!.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO ingest_exceptions (org_id, id, kind, reading_id, client_id, sent_by, batch_id, received_at,
                detected_at, differences, kept_asset_source, kept_asset_external_id, kept_unit_type_key,
                kept_quantity, kept_observed_at, kept_description, kept_batch_id, kept_received_at, sent_asset_source,
                sent_asset_external_id, sent_unit_type_key, sent_quantity, sent_observed_at, sent_description)
            SELECT @orgId, x.id, '{IngestConflict.Kind}', x.reading_id, x.client_id, x.sent_by, x.batch_id,
                   x.received_at, x.detected_at, string_to_array(x.differences, ','), x.kept_asset_source,
                   x.kept_asset_external_id, x.kept_unit_type_key, x.kept_quantity, x.kept_observed_at,
                   x.kept_description, x.kept_batch_id, x.kept_received_at, x.sent_asset_source,
                   x.sent_asset_external_id, x.sent_unit_type_key, x.sent_quantity, x.sent_observed_at,
                   x.sent_description
            FROM unnest(@ids::uuid[], @readingIds::text[], @clientIds::uuid[], @sentBy::uuid[], @batchIds::uuid[],
                        @receivedAt::timestamptz[], @detectedAt::timestamptz[], @differences::text[],
                        @keptSources::text[], @keptExternalIds::text[], @keptUnitTypeKeys::text[],
                        @keptQuantities::numeric[], @keptObservedAt::timestamptz[], @keptDescriptions::text[],
                        @keptBatchIds::uuid[], @keptReceivedAt::timestamptz[], @sentSources::text[],
                        @sentExternalIds::text[], @sentUnitTypeKeys::text[], @sentQuantities::numeric[],
                        @sentObservedAt::timestamptz[], @sentDescriptions::text[])
                AS x(id, reading_id, client_id, sent_by, batch_id, received_at, detected_at, differences,
                     kept_asset_source, kept_asset_external_id, kept_unit_type_key, kept_quantity, kept_observed_at,
                     kept_description, kept_batch_id, kept_received_at, sent_asset_source, sent_asset_external_id,
                     sent_unit_type_key, sent_quantity, sent_observed_at, sent_description)
            ON CONFLICT (org_id, batch_id, reading_id) DO NOTHING
            """, new
        {
            orgId,
            ids = Column(c => c.Id),
            readingIds = Column(c => c.ReadingId),
            clientIds = Column(c => c.ClientId),
            sentBy = Column(c => c.SentBy),
            batchIds = Column(c => c.BatchId),
            receivedAt = Column(c => c.ReceivedAt.UtcDateTime),
            detectedAt = Column(c => c.DetectedAt.UtcDateTime),
            // Field names hold no commas (AcceptedReading.PayloadFields).
            differences = Column(c => string.Join(',', c.Differences)),
            keptSources = Column(c => c.Kept.AssetSource),
            keptExternalIds = Column(c => c.Kept.AssetExternalId),
            keptUnitTypeKeys = Column(c => c.Kept.UnitTypeKey),
            keptQuantities = Column(c => c.Kept.Quantity),
            keptObservedAt = Column(c => c.Kept.ObservedAt.UtcDateTime),
            keptDescriptions = Column(c => c.Kept.Description),
            keptBatchIds = Column(c => c.KeptBatchId),
            keptReceivedAt = Column(c => c.KeptReceivedAt.UtcDateTime),
            sentSources = Column(c => c.Sent.AssetSource),
            sentExternalIds = Column(c => c.Sent.AssetExternalId),
            sentUnitTypeKeys = Column(c => c.Sent.UnitTypeKey),
            sentQuantities = Column(c => c.Sent.Quantity),
            sentObservedAt = Column(c => c.Sent.ObservedAt.UtcDateTime),
            sentDescriptions = Column(c => c.Sent.Description),
        }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>A page of the exceptions the caller sees (a client-scoped caller: its client's), newest first.</summary>
    public async Task<PagedResult<IngestExceptionView>> ListAsync(Guid orgId, Guid? clientScope,
        IngestExceptionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) {Filtered};
            {SelectExceptions} LIMIT @limit OFFSET @offset;
            """, Filter(orgId, clientScope, query), cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<ExceptionRow>();
        return new PagedResult<IngestExceptionView>(rows.Select(row => row.ToView()).ToList(), query.Page.Page,
            query.Page.PageSize, totalCount);
    }

    /// <summary>Every exception the caller sees that the query's filters select, newest first.</summary>
    public async Task<IReadOnlyList<IngestExceptionView>> AllAsync(Guid orgId, Guid? clientScope,
        IngestExceptionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ExceptionRow>(new CommandDefinition(SelectExceptions,
            Filter(orgId, clientScope, query), cancellationToken: cancellationToken));
        return rows.Select(row => row.ToView()).ToList();
    }

    private static object Filter(Guid orgId, Guid? clientScope, IngestExceptionQuery query) => new
    {
        orgId,
        clientScope,
        clientId = query.ClientId,
        pattern = query.Search is null ? null : LikePatterns.Containing(query.Search),
        limit = query.Page.PageSize,
        offset = query.Page.Offset,
    };

    private sealed record ExceptionRow(Guid Id, string ReadingId, Guid? ClientId, string? ClientName, Guid SentBy,
        Guid BatchId, DateTime ReceivedAt, DateTime DetectedAt, string Differences, string KeptAssetSource,
        string KeptAssetExternalId, string KeptUnitTypeKey, decimal KeptQuantity, DateTime KeptObservedAt,
        string? KeptDescription, Guid KeptBatchId, DateTime KeptReceivedAt, string SentAssetSource,
        string SentAssetExternalId, string SentUnitTypeKey, decimal SentQuantity, DateTime SentObservedAt,
        string? SentDescription)
    {
        public IngestExceptionView ToView() => new(new IngestConflict(Id, ReadingId, ClientId, SentBy, BatchId,
            Utc(ReceivedAt), Utc(DetectedAt), Differences.Split(','),
            new AcceptedReading(ReadingId, KeptAssetSource, KeptAssetExternalId, KeptUnitTypeKey, KeptQuantity,
                Utc(KeptObservedAt), KeptDescription),
            KeptBatchId, Utc(KeptReceivedAt),
            new AcceptedReading(ReadingId, SentAssetSource, SentAssetExternalId, SentUnitTypeKey, SentQuantity,
                Utc(SentObservedAt), SentDescription)), ClientName);

        private static DateTimeOffset Utc(DateTime value) => new(value, TimeSpan.Zero);
    }
}

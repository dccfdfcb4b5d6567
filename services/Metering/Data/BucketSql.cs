using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>
/// The bucket statements that both the API's writes (<see cref="BucketStore"/>) and auto-provisioning
/// (<see cref="ProvisioningStore"/>) run, so a bucket is stored, bound and audited the same way whoever creates it.
/// </summary>
internal static class BucketSql
{
    public const string BucketsAuditTable = "buckets";
    public const string BindingsAuditTable = "bucket_assets";

    /// <summary>The bucket columns in <see cref="BucketRow"/>'s order, for a table aliased <paramref name="alias"/>.</summary>
    public static string Columns(string alias) => $"""
        {alias}.org_id AS OrgId, {alias}.id AS Id, {alias}.client_id AS ClientId, {alias}.name AS Name,
        {alias}.source_type AS SourceType, {alias}.unit_type_id AS UnitTypeId, {alias}.aggregation AS Aggregation,
        {alias}.commit_units AS CommitUnits, {alias}.base_price AS BasePrice, {alias}.overage_price AS OveragePrice,
        {alias}.currency AS Currency, {alias}.reviewed AS Reviewed, {alias}.enabled AS Enabled,
        {alias}.auto_provisioned AS AutoProvisioned, {alias}.created_at AS CreatedAt, {alias}.updated_at AS UpdatedAt
        """;

    /// <summary>
    /// Serializes every change to which assets feed buckets of one unit type in one organization (binding, and
    /// creating buckets auto-provisioning could race with). Held to the end of the transaction. Two buckets' row
    /// locks alone would let two transactions bind the same asset to both.
    /// </summary>
    public static Task LockBindingsAsync(NpgsqlTransaction transaction, Guid orgId, Guid unitTypeId,
        CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('metering:bucket-bindings:' || @orgId || ':' || @unitTypeId, 0))",
            new { orgId = orgId.ToString(), unitTypeId = unitTypeId.ToString() }, transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// Inserts the bucket if its client is known to metering (ClientUpserted has arrived), marked for its first usage
    /// observation; null when the client is not known.
    /// </summary>
    public static async Task<Bucket?> InsertAsync(NpgsqlTransaction transaction, Guid orgId, BucketDefinition definition,
        bool autoProvisioned, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(Values(definition, autoProvisioned));
        parameters.AddDynamicParams(new { orgId, id = Guid.CreateVersion7(now), now = now.UtcDateTime });
        var row = await transaction.Connection!.QuerySingleOrDefaultAsync<BucketRow>(new CommandDefinition($"""
            INSERT INTO buckets (org_id, id, client_id, name, source_type, unit_type_id, aggregation, commit_units,
                                 base_price, overage_price, currency, reviewed, enabled, auto_provisioned,
                                 created_at, updated_at)
            SELECT @orgId, @id, @ClientId, @Name, @SourceType, @UnitTypeId, @Aggregation, @CommitUnits,
                   @BasePrice, @OveragePrice, @Currency, @Reviewed, @Enabled, @AutoProvisioned, @now, @now
            WHERE EXISTS (SELECT 1 FROM clients WHERE org_id = @orgId AND client_id = @ClientId)
            RETURNING {Columns("buckets")}
            """, parameters, transaction, cancellationToken: cancellationToken));
        if (row is not null)
        {
            await UsageObservationStore.MarkAsync(transaction, orgId, [row.Id], now, cancellationToken);
        }
        return row?.ToBucket();
    }

    /// <summary>
    /// A bucket's values as the API spells them: the parameters of the statements that store them, and what the
    /// audit log shows.
    /// </summary>
    public static BucketValues Values(BucketDefinition definition, bool autoProvisioned) => new(definition.ClientId,
        definition.Name, definition.SourceType, definition.UnitTypeId, definition.Aggregation.ToApiName(),
        definition.CommitUnits, definition.BasePrice, definition.OveragePrice, definition.Currency,
        definition.Reviewed, definition.Enabled, autoProvisioned);

    /// <summary>The audit log shows a bucket's values as the API spells them.</summary>
    public static BucketValues AuditValues(Bucket bucket) => Values(bucket.Definition, bucket.AutoProvisioned);

    /// <summary>Audit values of a change to a bucket's bindings.</summary>
    public static object BindingAuditValues(Guid bucketId, IEnumerable<Guid> assetIds) =>
        new { BucketId = bucketId, AssetIds = assetIds.Order().ToList() };
}

/// <summary>See <see cref="BucketSql.Values"/>.</summary>
internal sealed record BucketValues(Guid ClientId, string Name, string? SourceType, Guid UnitTypeId, string Aggregation,
    decimal CommitUnits, decimal BasePrice, decimal OveragePrice, string Currency, bool Reviewed, bool Enabled,
    bool AutoProvisioned);

/// <summary>A <c>buckets</c> row; Npgsql reads timestamptz as a UTC <see cref="DateTime"/>.</summary>
internal sealed record BucketRow(Guid OrgId, Guid Id, Guid ClientId, string Name, string? SourceType, Guid UnitTypeId,
    string Aggregation, decimal CommitUnits, decimal BasePrice, decimal OveragePrice, string Currency, bool Reviewed,
    bool Enabled, bool AutoProvisioned, DateTime CreatedAt, DateTime UpdatedAt)
{
    public Bucket ToBucket() => new(OrgId, Id,
        new BucketDefinition(ClientId, Name, SourceType, UnitTypeId, AggregationNames.Parse(Aggregation), CommitUnits,
            BasePrice, OveragePrice, Currency, Reviewed, Enabled),
        AutoProvisioned, new DateTimeOffset(CreatedAt, TimeSpan.Zero), new DateTimeOffset(UpdatedAt, TimeSpan.Zero));
}

namespace BillingOne.Metering.Tests.Api;

// Spelled out here rather than reusing the service's records, so the tests pin the documented JSON shape.

public sealed record BucketUsageDto(DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, decimal Usage, decimal Cost,
    decimal Overage, decimal BufferUnits, decimal BufferCost, decimal? PercentOfCommit, string Status);

public sealed record BucketDto(Guid Id, Guid ClientId, string? ClientName, string Name, string? SourceType,
    Guid UnitTypeId, string UnitTypeKey, string UnitTypeName, string Aggregation, decimal CommitUnits,
    decimal BasePrice, decimal OveragePrice, string Currency, bool Reviewed, bool Enabled, bool AutoProvisioned,
    int BoundAssets, BucketUsageDto Usage, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record BoundAssetDto(Guid Id, string Source, string ExternalId, string? Name, string DisplayName,
    string? Description, Guid? ClientId, string? ClientName, string? AssignedBy, bool Acknowledged,
    DateTimeOffset? AcknowledgedAt, bool Enabled, bool Disregarded, DateTimeOffset? DisregardedAt,
    DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt, DateTimeOffset CreatedAt, string[] UnitTypeKeys,
    string[] UnboundUnitTypeKeys);

public sealed record BindAssetsDto(int Bound);

public sealed record ProvisioningRunDto(Guid Id, string Trigger, string Status, int BucketsCreated, int AssetsBound,
    string? Error, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt);

public sealed record ClientBucketCountDto(Guid ClientId, int Buckets);

namespace BillingOne.Metering.Tests.Api;

public sealed record AssetDto(Guid Id, string Source, string ExternalId, string? Name, string DisplayName,
    string? Description, Guid? ClientId, string? ClientName, string? AssignedBy, bool Acknowledged,
    DateTimeOffset? AcknowledgedAt, bool Enabled, bool Disregarded, DateTimeOffset? DisregardedAt,
    DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt, DateTimeOffset CreatedAt, IReadOnlyList<string> UnitTypeKeys,
    IReadOnlyList<string> UnboundUnitTypeKeys);

public sealed record UsagePointDto(DateOnly Day, decimal Value);

public sealed record UsageSeriesDto(string UnitTypeKey, string Aggregation, decimal Total,
    IReadOnlyList<UsagePointDto> Points);

public sealed record AssetUsageDto(Guid AssetId, DateOnly From, DateOnly To, IReadOnlyList<UsageSeriesDto> Series);

public sealed record AssignmentRuleDto(Guid Id, string Pattern, string Target, Guid ClientId, string? ClientName,
    DateTimeOffset CreatedAt, int AssignedAssets);

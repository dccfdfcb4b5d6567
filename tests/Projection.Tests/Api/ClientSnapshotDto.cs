namespace BillingOne.Projection.Tests.Api;

/// <summary>The wire shape the tests expect, written independently of the service's own types.</summary>
public sealed record ClientSnapshotDto(Guid ClientId, string Name, bool Enabled, string TimeZone, MoneyDto Mrr,
    int Subscriptions, int Devices, int Licenses, int UserLicenses, int? Variance, string Status, MoneyDto? TotalSpend,
    string? BillingContact, DateTimeOffset UpdatedAt);

public sealed record MoneyDto(decimal Amount, string? Currency);

public sealed record PageDto<T>(List<T> Items, int Page, int PageSize, long TotalCount);

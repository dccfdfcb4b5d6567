namespace BillingOne.Subscription.Tests.Api;

/// <summary>The wire shape the tests expect, written independently of the service's own types.</summary>
public sealed record ClientDto(Guid Id, string Name, bool Enabled, string TimeZone, long Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record PageDto<T>(List<T> Items, int Page, int PageSize, long TotalCount);

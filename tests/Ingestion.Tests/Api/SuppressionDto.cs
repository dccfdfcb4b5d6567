namespace BillingOne.Ingestion.Tests.Api;

/// <summary>The JSON a client of the API reads, declared here so the tests check the wire format.</summary>
public sealed record SuppressionDto(Guid Id, string Pattern, string Type, string Target, string? Reason,
    DateTimeOffset CreatedAt, Guid CreatedBy, long SuppressedCount, DateTimeOffset? LastSuppressedAt);

public sealed record SuppressionPage(List<SuppressionDto> Items, int Page, int PageSize, long TotalCount);

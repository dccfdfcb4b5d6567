using BillingOne.Ingestion.Data;

namespace BillingOne.Ingestion.Apis;

/// <summary>
/// A new suppression rule. <c>type</c> is <c>glob</c> (default) or <c>regex</c>; <c>target</c> is
/// <c>asset-id</c> (default), <c>source</c> or <c>description</c>.
/// </summary>
public sealed record CreateSuppressionRequest(string? Pattern, string? Type, string? Target, string? Reason);

/// <summary>One row of the Ingest Suppressions screen.</summary>
public sealed record SuppressionResponse(
    Guid Id,
    string Pattern,
    string Type,
    string Target,
    string? Reason,
    DateTimeOffset CreatedAt,
    Guid CreatedBy,
    long SuppressedCount,
    DateTimeOffset? LastSuppressedAt)
{
    public static SuppressionResponse From(StoredSuppressionRule stored) => new(
        stored.Rule.Id,
        stored.Rule.Pattern,
        stored.Rule.Type.Name(),
        stored.Rule.Target.Name(),
        stored.Rule.Reason,
        stored.Rule.CreatedAt,
        stored.CreatedBy,
        stored.SuppressedCount,
        stored.LastSuppressedAt);
}

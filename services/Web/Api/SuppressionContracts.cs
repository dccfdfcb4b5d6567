using System.Globalization;

namespace BillingOne.Web.Api;

// The ingestion service's suppression rules:
//   GET    /api/ingestion/suppressions?page=&pageSize=       -> PagedList<Suppression>
//   POST   /api/ingestion/suppressions  CreateSuppressionRequest -> 201 Suppression
//   DELETE /api/ingestion/suppressions/{id}                  -> 204

/// <summary>One ingest suppression rule: readings whose <see cref="Target"/> field matches are dropped at ingest.</summary>
/// <param name="Type">One of <see cref="SuppressionTypes"/>.</param>
/// <param name="Target">One of <see cref="SuppressionTargets"/>.</param>
/// <param name="SuppressedCount">Readings dropped by this rule so far.</param>
public sealed record Suppression(
    Guid Id,
    string Pattern,
    string Type,
    string Target,
    string? Reason,
    DateTimeOffset CreatedAt,
    Guid CreatedBy,
    long SuppressedCount,
    DateTimeOffset? LastSuppressedAt);

/// <param name="Reason">Optional; null when the admin gave none.</param>
public sealed record CreateSuppressionRequest(string Pattern, string Type, string Target, string? Reason);

public static class SuppressionTypes
{
    public const string Glob = "glob";
    public const string Regex = "regex";

    public static readonly string[] All = [Glob, Regex];
}

public static class SuppressionTargets
{
    public const string AssetId = "asset-id";
    public const string Source = "source";
    public const string Description = "description";

    public static readonly string[] All = [AssetId, Source, Description];

    /// <summary>How the page names a target, e.g. "asset id"; an unknown value is shown as sent.</summary>
    public static string Label(string target) => target switch
    {
        AssetId => "asset id",
        Source => "source",
        Description => "description",
        _ => target,
    };
}

public static class SuppressionPaths
{
    public const string Suppressions = "api/ingestion/suppressions";
    public const int DefaultPageSize = 25;

    public static string List(int page, int pageSize) =>
        string.Create(CultureInfo.InvariantCulture, $"{Suppressions}?page={page}&pageSize={pageSize}");
}

/// <summary>The Ingest Suppressions page's page of the list, kept in its address.</summary>
public sealed record SuppressionListQuery(int Page = 1, int PageSize = SuppressionPaths.DefaultPageSize) : IPagedQuery<SuppressionListQuery>
{
    public SuppressionListQuery WithPage(int page) => this with { Page = page };
}
